// Child process for the crash-safety test: writes journalled rows and snapshots as fast as it
// can until it is killed. It prints "ack <id>" only after journal.append() resolved, so every
// acknowledged id must be in the database after a SIGKILL at any moment.
// Usage: tsx storage-crash-writer.ts <dir> <firstId>
import { openDatabase } from "../../runtime/storage/open-database.js";
import { nodeFilePersistence } from "../../runtime/storage/persistence/node-file-store.js";
import type { StoragePersistence } from "../../runtime/storage/persistence/storage-persistence.js";

const [dir, firstIdArg] = process.argv.slice(2);
if (!dir || !firstIdArg) {
  process.stderr.write("usage: storage-crash-writer.ts <dir> <firstId>\n");
  process.exit(2);
}

// Tells the parent a snapshot write is starting, so it can aim a kill into the middle of one.
function announcingSaves(persistence: StoragePersistence): StoragePersistence {
  const { snapshots } = persistence;
  return {
    ...persistence,
    snapshots: {
      location: snapshots.location,
      load: () => snapshots.load(),
      save: (bytes) => {
        process.stdout.write("saving\n");
        return snapshots.save(bytes);
      },
    },
  };
}

const db = await openDatabase({
  persistence: announcingSaves(nodeFilePersistence(dir, "crash")),
  snapshotIntervalMs: 3,
  migrate: (driver) =>
    driver.exec(`CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
                 CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)`),
});
process.stdout.write(`ready ${db.replay.replayed} ${db.replay.droppedBytes}\n`);

// Filler rows make every snapshot a few hundred KB, so kills often land inside a save.
const filler = "x".repeat(2000);
let snapshots = db.persistence?.stats.saves ?? 0;
// Bounded, so an orphaned writer (a parent that died before killing it) stops by itself.
const deadline = Date.now() + 30_000;
for (let id = Number(firstIdArg); Date.now() < deadline; id++) {
  db.driver.transaction(() => {
    for (let i = 0; i < 5; i++) db.driver.run("INSERT INTO filler (body) VALUES (?)", [filler]);
  });
  await db.journal.append([{ sql: "INSERT INTO outbox (id, body) VALUES (?, ?)", params: [id, `message ${id}`] }]);
  process.stdout.write(`ack ${id}\n`);
  const saves = db.persistence?.stats.saves ?? 0;
  if (saves !== snapshots) {
    snapshots = saves;
    process.stdout.write(`snapshot ${saves}\n`);
  }
  // Yielding lets timer-driven snapshots run while appends continue (journal rewrite path);
  // explicit flushes cover the flush-then-truncate path.
  if (id % 25 === 0) await db.flush();
  else await new Promise((resolve) => setImmediate(resolve));
}
process.stderr.write("writer reached its 30 s bound without being killed\n");
process.exit(3);
