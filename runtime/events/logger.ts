// The logger every runtime piece receives by injection. Bindings choose where lines go
// (console, file, the app's own logger); the runtime never writes to the console itself.

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ignore = (): void => {};

/** For callers that do not care about logs (benchmarks, throwaway tools). */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
