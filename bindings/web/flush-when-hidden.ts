// Pages are often closed or frozen without warning once hidden (tab switched, phone locked,
// browser killed in the background). Rows that are not journalled reach IndexedDB only with the
// next coalesced snapshot, so save one as soon as the page is hidden: visibilitychange→hidden is
// the last event browsers reliably deliver (pagehide/unload are not, and cannot await a save).
import type { LoginModule } from "../../runtime/modules/login.js";

interface VisibilityDocument {
  readonly visibilityState: string;
  addEventListener(type: "visibilitychange", listener: () => void): void;
}

/** Flushes the logged-in user's snapshot whenever the page becomes hidden; no-op outside pages. */
export function flushWhenHidden(login: LoginModule): void {
  const doc = (globalThis as { document?: VisibilityDocument }).document;
  if (!doc || typeof doc.addEventListener !== "function") return;
  doc.addEventListener("visibilitychange", () => {
    if (doc.visibilityState !== "hidden") return;
    // A failed save is already reported (logger + onStorageError) and retried by the scheduler.
    login.current?.db.flush().catch(() => undefined);
  });
}
