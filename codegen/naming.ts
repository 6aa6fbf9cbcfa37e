// Name conversions shared by the parser (clash checks) and the emitters (SQL columns, event names).

/** camelCase TS field → snake_case SQL column, the Go SDK's convention: clientMsgID → client_msg_id, faceURL → face_url. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** `onConnectSuccess` → `OnConnectSuccess` (the official CbEvents spelling). */
export function eventNameOf(callback: string): string {
  return callback.charAt(0).toUpperCase() + callback.slice(1);
}

/** Code-point order: the one comparator used for every sort, so output never depends on the locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortByName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => byCodePoint(a.name, b.name));
}
