// The login module: initSDK / login / logout / status. It owns the login state machine
//   Logout(1) --login--> Logging(2) --first connect outcome--> Logged(3) --logout or token error--> Logout(1)
// and turns transport and token-gate events into the app's OnConnListener events.
//
// When login resolves: after the user's database is open and the first connection attempt has an
// outcome — connected, or failed for a reason worth retrying (offline login: the app reads local
// data while the SDK keeps reconnecting). A token error on that first attempt (1501–1507) rejects
// login with the server's code instead, and releases everything.
import type { LoginApi } from "../../generated/api/login.js";
import { CbEvents } from "../../generated/listeners/events.js";
import { LoginStatus, type InitConfig, type LoginParams } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../contracts/errors.js";
import type { SdkEventBus } from "../events/sdk-events.js";
import type { AuthFailure } from "../transport/auth-failures.js";
import { TransportError } from "../transport/errors.js";
import { validateInitConfig, type SessionConfig } from "../session/config.js";
import { Session, type SessionHost } from "../session/session.js";

/** Called with each new session so other modules can register sync steps and read the DAOs. */
export type SessionObserver = (session: Session) => void;

export class LoginModule implements LoginApi {
  private config: SessionConfig | undefined;
  private status: LoginStatus = LoginStatus.Logout;
  private session: Session | undefined;
  /** Bumped by every login and logout, so a login that was overtaken can tell. */
  private epoch = 0;
  private readonly observers: SessionObserver[] = [];
  /** Who the login in progress is for (error messages while the session is still opening). */
  private pendingUserID = "";

  constructor(
    private readonly host: SessionHost,
    private readonly events: SdkEventBus,
  ) {}

  /** The live session (logged in), for other runtime modules. */
  get current(): Session | undefined {
    return this.status === LoginStatus.Logged ? this.session : undefined;
  }

  onSession(observer: SessionObserver): void {
    this.observers.push(observer);
  }

  async initSDK(config: InitConfig): Promise<boolean> {
    if (this.status !== LoginStatus.Logout) {
      throw new SdkError(ErrCode.LoginRepeat, "initSDK: cannot change the configuration while logged in; log out first");
    }
    const checked = validateInitConfig(config);
    const problem = this.host.configProblem?.(checked);
    if (problem) throw new SdkError(ErrCode.Args, `initSDK: ${problem}`);
    this.config = checked;
    return true;
  }

  async getLoginStatus(): Promise<LoginStatus> {
    return this.status;
  }

  async getLoginUserID(): Promise<string> {
    return this.status === LoginStatus.Logout ? "" : (this.session?.userID ?? "");
  }

  async login(params: LoginParams): Promise<void> {
    const config = this.config;
    if (!config) throw new SdkError(ErrCode.NotInit, "login: call initSDK first");
    if (params.userID.trim() === "") throw new SdkError(ErrCode.Args, "login: params.userID is empty");
    if (params.token.trim() === "") throw new SdkError(ErrCode.Args, "login: params.token is empty");
    if (this.status !== LoginStatus.Logout) {
      const who = this.session?.userID ?? this.pendingUserID;
      throw new SdkError(ErrCode.LoginRepeat, `login: already ${this.status === LoginStatus.Logged ? "logged in" : "logging in"} as ${who}; log out first`);
    }
    const epoch = ++this.epoch;
    this.status = LoginStatus.Logging;
    this.pendingUserID = params.userID;
    let session: Session;
    try {
      session = await Session.open(this.host, config, params.userID, params.token);
    } catch (error) {
      if (this.epoch === epoch) this.status = LoginStatus.Logout;
      throw new SdkError(ErrCode.Internal, `login: could not open the local database: ${errorText(error)}`, { cause: error });
    }
    if (this.epoch !== epoch) {
      await session.close({ notifyServer: false });
      throw new SdkError(ErrCode.LoginOut, "login: logged out before the login finished");
    }
    this.session = session;
    this.wire(session);
    for (const observe of this.observers) observe(session);

    const firstOutcome = new Promise<AuthFailure | undefined>((resolve) => {
      const offs = [
        session.connection.events.once("connectSuccess", () => done(undefined)),
        session.connection.events.once("connectFailed", () => done(undefined)),
        session.authGate.events.once("sessionEnded", (failure) => done(failure)),
      ];
      const done = (failure: AuthFailure | undefined) => {
        for (const off of offs) off();
        resolve(failure);
      };
    });
    session.connection.start();
    // connectFailed may be emitted just before the token gate hears the same refusal.
    const failure = (await firstOutcome) ?? session.authGate.failure;
    if (failure) {
      // wire() has already told the listeners (once) and released the session.
      throw new SdkError(failure.errCode, `login: the server refused the token: ${failure.errMsg}`);
    }
    if (this.epoch !== epoch) throw new SdkError(ErrCode.LoginOut, "login: logged out before the login finished");
    this.status = LoginStatus.Logged;
  }

  async logout(): Promise<void> {
    const session = this.session;
    if (this.status === LoginStatus.Logout || !session) {
      throw new SdkError(ErrCode.NotLogin, "logout: not logged in");
    }
    await this.release(session, true);
  }

  async setAppBackgroundStatus(isBackground: boolean): Promise<void> {
    const method = "setAppBackgroundStatus";
    const session = this.current;
    if (!session) throw new SdkError(ErrCode.NotLogin, `${method}: not logged in; call login first`);
    try {
      // Kept on the connection first: a reconnect carries it and message events follow it at once.
      await session.gateway.setBackground(isBackground);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      throw new SdkError(error.errCode, `${method}: the server did not confirm (${error.errMsg}); the status is kept and sent again on the next connect`, { cause: error });
    }
    // Foreground wake-up: what the background missed (pushes the OS held back) is pulled now, not at
    // the next push. Disconnected, the reconnect's own sync does it.
    const { connection } = session;
    if (!isBackground && connection.state === "connected") void session.sync.start(connection.generation);
  }

  private wire(session: Session): void {
    const { connection, authGate } = session;
    // Only the live session speaks: a released one never emits again.
    const live = () => this.session === session;
    connection.events.on("connecting", () => live() && this.events.emit(CbEvents.OnConnecting));
    connection.events.on("connectSuccess", () => {
      if (!live()) return;
      this.events.emit(CbEvents.OnConnectSuccess);
      void session.sync.start(connection.generation);
    });
    connection.events.on("connectFailed", (errCode, errMsg) => live() && this.events.emit(CbEvents.OnConnectFailed, { errCode, errMsg }));
    authGate.events.on("userTokenExpired", () => live() && this.events.emit(CbEvents.OnUserTokenExpired));
    authGate.events.on("userTokenInvalid", () => live() && this.events.emit(CbEvents.OnUserTokenInvalid));
    authGate.events.on("kickedOffline", () => live() && this.events.emit(CbEvents.OnKickedOffline));
    // A dead token ends the session: like the Go SDK, log out locally (no 2003: the server already dropped us).
    authGate.events.on("sessionEnded", () => void this.release(session, false));
  }

  private async release(session: Session, notifyServer: boolean): Promise<void> {
    if (this.session !== session) return;
    this.epoch++;
    this.session = undefined;
    this.status = LoginStatus.Logout;
    await session.close({ notifyServer });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
