// The HTTP response envelope {errCode, errMsg, errDlt, data}; data is left out on errors and
// for empty responses, as OpenIM's apiresp does.
import type { CodeError } from "../errors.js";

export interface ApiEnvelope {
  errCode: number;
  errMsg: string;
  errDlt: string;
  data?: unknown;
}

export const okEnvelope = (data: unknown): ApiEnvelope =>
  data === undefined ? { errCode: 0, errMsg: "", errDlt: "" } : { errCode: 0, errMsg: "", errDlt: "", data };

export const errorEnvelope = (err: CodeError): ApiEnvelope => ({ errCode: err.code, errMsg: err.errMsg, errDlt: err.detail });
