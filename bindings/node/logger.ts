// A console logger with a level threshold, for Node apps that pass none of their own.
import type { LogFields, Logger } from "../../runtime/events/logger.js";

const LEVELS = ["error", "warn", "info", "debug"] as const;
export type ConsoleLogLevel = (typeof LEVELS)[number] | "silent";

export function consoleLogger(level: ConsoleLogLevel = "warn"): Logger {
  const threshold = level === "silent" ? -1 : LEVELS.indexOf(level);
  const line = (lvl: (typeof LEVELS)[number]) => (msg: string, fields?: LogFields) => {
    if (LEVELS.indexOf(lvl) > threshold) return;
    const out = lvl === "error" || lvl === "warn" ? console.error : console.log;
    out(`[openim ${lvl}] ${msg}${fields ? " " + JSON.stringify(fields) : ""}`);
  };
  return { error: line("error"), warn: line("warn"), info: line("info"), debug: line("debug") };
}
