// HTTP failures as the SDK's errors: the server's code passes through, prefixed with the method.
import { SdkError } from "../contracts/errors.js";
import { ApiError } from "../http/errors.js";

export async function serverCall<T>(method: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError) throw new SdkError(error.errCode, `${method}: ${error.errMsg}`, { cause: error });
    throw error;
  }
}
