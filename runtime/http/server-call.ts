// HTTP failures as the errors of the API method that made the call: the server's code passes
// through, the message names the method the app called.
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
