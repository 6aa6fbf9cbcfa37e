// A console logger for pages that pass none of their own. Fields go to the console as objects
// (not JSON text) so the browser's devtools can expand them.
import type { LogFields, Logger } from "../../runtime/events/logger.js";

const LEVELS = ["error", "warn", "info", "debug"] as const;
export type BrowserLogLevel = (typeof LEVELS)[number] | "silent";

export function browserConsoleLogger(level: BrowserLogLevel = "warn"): Logger {
  const threshold = level === "silent" ? -1 : LEVELS.indexOf(level);
  const line = (lvl: (typeof LEVELS)[number]) => (msg: string, fields?: LogFields) => {
    if (LEVELS.indexOf(lvl) > threshold) return;
    const text = `[openim ${lvl}] ${msg}`;
    if (fields) console[lvl](text, fields);
    else console[lvl](text);
  };
  return { error: line("error"), warn: line("warn"), info: line("info"), debug: line("debug") };
}
