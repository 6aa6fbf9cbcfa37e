import { describe, expect, it } from "vitest";
import { Emitter } from "../../runtime/events/emitter.js";
import { recordingLogger } from "../transport/helpers.js";

interface Events {
  message: [id: string, seq: number];
  ready: [];
}

describe("Emitter", () => {
  it("delivers typed arguments to listeners in subscription order", () => {
    const events = new Emitter<Events>(recordingLogger());
    const got: string[] = [];
    events.on("message", (id, seq) => void got.push(`a:${id}:${seq}`));
    events.on("message", (id) => void got.push(`b:${id}`));
    events.emit("message", "m1", 7);
    expect(got).toEqual(["a:m1:7", "b:m1"]);
  });

  it("a throwing listener is logged and the others still run", () => {
    const logger = recordingLogger();
    const events = new Emitter<Events>(logger, "sdk");
    const got: number[] = [];
    events.on("message", () => {
      throw new Error("app bug");
    });
    events.on("message", (_id, seq) => void got.push(seq));
    expect(() => events.emit("message", "x", 1)).not.toThrow();
    expect(got).toEqual([1]);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]!.level).toBe("error");
    expect(logger.lines[0]!.msg).toMatch(/sdk: a listener of "message" threw/);
    expect(String(logger.lines[0]!.fields?.["error"])).toMatch(/app bug/);
  });

  it("a listener's rejected promise is logged too", async () => {
    const logger = recordingLogger();
    const events = new Emitter<Events>(logger);
    events.on("ready", async () => {
      throw new Error("async app bug");
    });
    events.emit("ready");
    await new Promise((r) => setTimeout(r, 0));
    expect(String(logger.lines[0]?.fields?.["error"])).toMatch(/async app bug/);
  });

  it("once fires a single time; off and the returned unsubscribe remove", () => {
    const events = new Emitter<Events>(recordingLogger());
    let onceCalls = 0;
    let calls = 0;
    events.once("ready", () => void onceCalls++);
    const listener = () => void calls++;
    const unsubscribe = events.on("ready", listener);
    events.emit("ready");
    events.emit("ready");
    unsubscribe();
    events.emit("ready");
    expect([onceCalls, calls]).toEqual([1, 2]);
    expect(events.listenerCount("ready")).toBe(0);
  });

  it("a listener added or removed during emit does not disturb that emit", () => {
    const events = new Emitter<Events>(recordingLogger());
    const got: string[] = [];
    const second = () => void got.push("second");
    events.on("ready", () => {
      got.push("first");
      events.off("ready", second);
      events.on("ready", () => void got.push("late"));
    });
    events.on("ready", second);
    events.emit("ready");
    expect(got).toEqual(["first", "second"]);
  });

  it("rejects a non-function listener with a clear error", () => {
    const events = new Emitter<Events>(recordingLogger());
    expect(() => events.on("ready", undefined as unknown as () => void)).toThrow(/listener must be a function/);
  });
});
