/** Login state as getLoginStatus reports it (official `LoginStatus`). */
export enum LoginStatus {
  Logout = 1,
  Logging = 2,
  Logged = 3,
}

/** Log verbosity (official `LogLevel`): 6 is the most verbose. */
export enum LogLevel {
  Panic = 0,
  Fatal = 1,
  Error = 2,
  Warn = 3,
  Info = 4,
  Debug = 5,
  Verbose = 6,
}

/** Client platform IDs as the server knows them. */
export enum Platform {
  IOS = 1,
  Android = 2,
  Windows = 3,
  MacOSX = 4,
  Web = 5,
  /** Mini programs (server platform 6). */
  MiniWeb = 6,
  Linux = 7,
  AndroidPad = 8,
  IPad = 9,
  /** Server-side admin tokens; seen as senderPlatformID, never valid for initSDK. */
  Admin = 10,
  Harmony = 11,
}

/** Configuration of initSDK (the Go SDK's IMConfig). */
export interface InitConfig {
  /** HTTP API address, e.g. `http://127.0.0.1:10002`. */
  apiAddr: string;
  /** WebSocket gateway address, e.g. `ws://127.0.0.1:10001`. */
  wsAddr: string;
  platformID: Platform;
  /** Where the local database lives (a folder under Node, a name in the browser). */
  dataDir: string;
  logLevel?: LogLevel;
  isLogStandardOutput?: boolean;
  logFilePath?: string;
  isExternalExtensions?: boolean;
}

/** Credentials for login. */
export interface LoginParams {
  userID: string;
  token: string;
}

/** An error carried by an event (errCode/errMsg as the Go SDK reports them). */
export interface ErrorInfo {
  errCode: number;
  errMsg: string;
}
