// What runs after every successful (re)connect, in a fixed order: the sync modules register
// steps here (conversations, seqs, friends, …) instead of the connection knowing about them.
// A run belongs to one socket generation: when the socket is replaced mid-run, the old run stops
// before its next step and the new connection starts a fresh run.
import type { Logger } from "../events/logger.js";

export interface SyncStep {
  /** Shown in logs and failures, e.g. "conversations". */
  name: string;
  /** Lower runs first; equal orders run in registration order. */
  order: number;
  run(context: SyncContext): Promise<void>;
}

export interface SyncContext {
  /** The socket generation this run belongs to. */
  generation: number;
  /** False once a newer connection (or logout) superseded this run; long steps should check it. */
  isCurrent(): boolean;
}

export interface SyncRunReport {
  generation: number;
  completed: string[];
  failed: { step: string; error: unknown }[];
  /** True when a newer connection superseded this run before it finished. */
  superseded: boolean;
}

export class SyncPipeline {
  private readonly steps: SyncStep[] = [];
  private latestGeneration = -1;
  private running: Promise<SyncRunReport> = Promise.resolve({ generation: -1, completed: [], failed: [], superseded: false });

  constructor(private readonly logger: Logger) {}

  register(step: SyncStep): void {
    if (this.steps.some((s) => s.name === step.name)) throw new Error(`sync step "${step.name}" is registered twice`);
    this.steps.push(step);
    // Stable sort keeps registration order for equal `order`.
    this.steps.sort((a, b) => a.order - b.order);
  }

  get stepNames(): string[] {
    return this.steps.map((s) => s.name);
  }

  /** Starts a run for `generation` after the previous run has stopped; resolves with its report. */
  start(generation: number): Promise<SyncRunReport> {
    this.latestGeneration = generation;
    this.running = this.running.then(() => this.runAll(generation));
    return this.running;
  }

  /** Makes every run stop before its next step (logout). */
  cancel(): void {
    this.latestGeneration = Number.POSITIVE_INFINITY;
  }

  /** Resolves when the current run (if any) has finished. */
  idle(): Promise<SyncRunReport> {
    return this.running;
  }

  private async runAll(generation: number): Promise<SyncRunReport> {
    const report: SyncRunReport = { generation, completed: [], failed: [], superseded: false };
    const context: SyncContext = { generation, isCurrent: () => this.latestGeneration === generation };
    for (const step of this.steps) {
      if (!context.isCurrent()) {
        report.superseded = true;
        break;
      }
      try {
        await step.run(context);
        report.completed.push(step.name);
      } catch (error) {
        // One failing step must not starve the others (a failed friend sync should not block messages).
        report.failed.push({ step: step.name, error });
        this.logger.warn("sync step failed", { step: step.name, generation, error: String(error) });
      }
    }
    return report;
  }
}
