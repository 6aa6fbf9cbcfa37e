// Progress output for long runs: plain lines (they survive CI logs and pipes, unlike \r bars).

export type Print = (line: string) => void;

export const stderrPrint: Print = (line) => process.stderr.write(line + "\n");

/** Prints `status()` every `intervalMs` until stopped; stop() prints a last line. */
export function ticker(print: Print, status: () => string, intervalMs = 1000): { stop(): void } {
  const started = Date.now();
  const show = () => print(`  [${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${status()}`);
  const t = setInterval(show, intervalMs);
  t.unref();
  return {
    stop() {
      clearInterval(t);
      show();
    },
  };
}

/** "[#####.....] 512/1000". */
export function bar(done: number, total: number, width = 24): string {
  const f = total === 0 ? 1 : Math.min(1, done / total);
  const full = Math.round(f * width);
  return `[${"#".repeat(full)}${".".repeat(width - full)}] ${done}/${total}`;
}
