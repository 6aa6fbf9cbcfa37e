// Argument checks called by the generated facade. A failure throws SdkError 10002 naming the
// method, the field (with its path, e.g. `config.platformID`), what was expected and what came.
import { ErrCode, SdkError } from "./errors.js";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array) return "a Uint8Array";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
    case "number":
      return Number.isNaN(value) ? "NaN" : `the number ${value}`;
    case "undefined":
      return "nothing (undefined)";
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

export function argError(method: string, field: string, expected: string, value: unknown): SdkError {
  return new SdkError(ErrCode.Args, `${method}: ${field} must be ${expected}, got ${describe(value)}`);
}

export function string(method: string, field: string, value: unknown): void {
  if (typeof value !== "string") throw argError(method, field, "a string", value);
}

export function number(method: string, field: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value)) throw argError(method, field, "a finite number", value);
}

export function boolean(method: string, field: string, value: unknown): void {
  if (typeof value !== "boolean") throw argError(method, field, "a boolean", value);
}

export function bytes(method: string, field: string, value: unknown): void {
  if (!(value instanceof Uint8Array)) throw argError(method, field, "a Uint8Array", value);
}

/** A plain object; returns it indexable so the caller can check its fields. */
export function object(method: string, field: string, value: unknown, typeName: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array)
    throw argError(method, field, `an object (${typeName})`, value);
  return value as Record<string, unknown>;
}

export function array(method: string, field: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw argError(method, field, "an array", value);
  return value;
}

export function oneOf(method: string, field: string, value: unknown, allowed: readonly (string | number)[], typeName: string): void {
  if (!allowed.includes(value as string | number))
    throw argError(method, field, `${typeName} (one of ${allowed.map((a) => JSON.stringify(a)).join(", ")})`, value);
}
