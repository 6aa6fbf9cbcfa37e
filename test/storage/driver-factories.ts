// The drivers under test, each opened fresh (better-sqlite3 on a file in a temp dir).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageDriver } from "../../runtime/contracts/storage.js";
import type { StorageDiagnostics } from "../../runtime/storage/storage-capabilities.js";
import { openSqlJsDriver } from "../../runtime/storage/sqljs-driver.js";
import { openBetterSqlite3Driver } from "../../runtime/storage/better-sqlite3-driver.js";

export type TestDriver = StorageDriver & StorageDiagnostics;

export interface DriverFactory {
  name: string;
  open(): Promise<{ driver: TestDriver; cleanup(): void }>;
}

export const driverFactories: DriverFactory[] = [
  {
    name: "sql.js",
    async open() {
      const driver = await openSqlJsDriver();
      return { driver, cleanup: () => driver.close() };
    },
  },
  {
    name: "better-sqlite3",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "storage-bs3-"));
      const driver = await openBetterSqlite3Driver({ path: join(dir, "test.db") });
      return {
        driver,
        cleanup: () => {
          driver.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
