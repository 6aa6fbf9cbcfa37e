// The generated facade: argument checks (SdkError 10002 naming method, field, expected and got),
// delegation to the module implementation, and event subscription.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { LoginApi } from "../../generated/api/login.js";
import { OpenIMSDK, type SdkEventSource, type SdkModules } from "../../generated/facade/sdk.js";
import { CbEvents } from "../../generated/listeners/events.js";
import { METHODS } from "../../generated/rpc/catalogue.js";
import type { InitConfig, LoginParams } from "../../generated/types/index.js";
import { LoginStatus } from "../../generated/types/index.js";
import { ErrCode, SdkError } from "../../runtime/contracts/errors.js";

/** A login module that records what reached it (the real one lives in runtime/modules). */
function recordingLogin() {
  const calls: unknown[][] = [];
  const impl: LoginApi = {
    initSDK: async (config: InitConfig) => (calls.push(["initSDK", config]), true),
    login: async (p: LoginParams) => void calls.push(["login", p]),
    logout: async () => void calls.push(["logout"]),
    getLoginStatus: async () => LoginStatus.Logged,
    getLoginUserID: async () => "u1",
    setAppBackgroundStatus: async (isBackground: boolean) => void calls.push(["setAppBackgroundStatus", isBackground]),
  };
  return { impl, calls };
}

function emitterSource(): SdkEventSource & { emit(name: string, payload?: unknown): void } {
  const ee = new EventEmitter();
  return {
    on: (e, l) => void ee.on(e, l as (...a: unknown[]) => void),
    off: (e, l) => void ee.off(e, l as (...a: unknown[]) => void),
    emit: (name, payload) => void ee.emit(name, payload),
  };
}

/** Only the login module is exercised here; any call into another module fails the test loudly. */
function onlyLogin(login: LoginApi): SdkModules {
  const unexpected = new Proxy({}, { get: (_t, name) => () => { throw new Error(`unexpected call ${String(name)}`); } });
  return { login, message: unexpected, conversation: unexpected } as SdkModules;
}

const config: InitConfig = { apiAddr: "http://127.0.0.1:1", wsAddr: "ws://127.0.0.1:2", platformID: 5, dataDir: "/tmp/x" };

describe("facade", () => {
  it("delegates valid calls and returns the module's result", async () => {
    const { impl, calls } = recordingLogin();
    const sdk = new OpenIMSDK({ modules: onlyLogin(impl), events: emitterSource() });
    await expect(sdk.initSDK({ ...config, logLevel: 5 })).resolves.toBe(true);
    await sdk.login({ userID: "u1", token: "t" });
    await expect(sdk.getLoginStatus()).resolves.toBe(3);
    await expect(sdk.getLoginUserID()).resolves.toBe("u1");
    expect(calls.map((c) => c[0])).toEqual(["initSDK", "login"]);
  });

  it.each([
    [() => [null], "initSDK: config must be an object (InitConfig), got null"],
    [() => [{ ...config, apiAddr: 42 }], "initSDK: config.apiAddr must be a string, got the number 42"],
    [() => [{ ...config, platformID: "5" }], 'initSDK: config.platformID must be Platform (one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), got the string "5"'],
    [() => [{ ...config, logLevel: 9 }], "initSDK: config.logLevel must be LogLevel (one of 0, 1, 2, 3, 4, 5, 6), got the number 9"],
    [() => [{ ...config, isLogStandardOutput: "yes" }], 'initSDK: config.isLogStandardOutput must be a boolean, got the string "yes"'],
    [() => [{ apiAddr: "a", wsAddr: "b", platformID: 5 }], "initSDK: config.dataDir must be a string, got nothing (undefined)"],
  ])("rejects bad arguments with SdkError 10002 before reaching the module (%#)", async (args, message) => {
    const { impl, calls } = recordingLogin();
    const sdk = new OpenIMSDK({ modules: onlyLogin(impl), events: emitterSource() });
    const err = await (sdk.initSDK as (...a: unknown[]) => Promise<boolean>)(...args()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SdkError);
    expect(err).toMatchObject({ errCode: ErrCode.Args, errMsg: message });
    expect(calls).toEqual([]);
  });

  it("checks login params field by field", async () => {
    const sdk = new OpenIMSDK({ modules: onlyLogin(recordingLogin().impl), events: emitterSource() });
    await expect(sdk.login({ userID: "u1" } as LoginParams)).rejects.toMatchObject({ errCode: 10002, errMsg: "login: params.token must be a string, got nothing (undefined)" });
  });

  it("subscribes to typed events and rejects unknown event names", () => {
    const events = emitterSource();
    const sdk = new OpenIMSDK({ modules: onlyLogin(recordingLogin().impl), events });
    const seen: unknown[] = [];
    const onFailed = (e: { errCode: number; errMsg: string }) => seen.push(e);
    sdk.on(CbEvents.OnConnectFailed, onFailed);
    events.emit("OnConnectFailed", { errCode: 1, errMsg: "x" });
    sdk.off(CbEvents.OnConnectFailed, onFailed);
    events.emit("OnConnectFailed", { errCode: 2, errMsg: "y" });
    expect(seen).toEqual([{ errCode: 1, errMsg: "x" }]);
    expect(() => sdk.on("OnNope" as never, () => {})).toThrow(/on: event must be an event name from CbEvents, got the string "OnNope"/);
    expect(() => sdk.on(CbEvents.OnConnecting, "fn" as never)).toThrow(SdkError);
  });

  it("exposes every catalogue method on the facade", () => {
    const sdk = new OpenIMSDK({ modules: onlyLogin(recordingLogin().impl), events: emitterSource() });
    for (const name of Object.keys(METHODS)) expect(typeof (sdk as unknown as Record<string, unknown>)[name]).toBe("function");
    expect(METHODS.initSDK).toEqual({ module: "login", params: ["config"], optional: 0, local: true, deprecated: false });
  });
});
