// The notification runner: started detached by a kesu command that queued notifications
// (services/notify.ts), as `node notify-runner.js DATABASE COMMAND ID…`. It sends each, records its
// outcome in the store's log, and exits; nobody waits for it. A failure of its own is recorded on
// the notifications it could not send; one that stops it before (the database unreadable) leaves
// them pending in the log, which is the record of the attempt.
import { openStore, type Store } from '../../store/index.js';
import { sendQueued } from './notify.js';

async function run([database, command, ...ids]: readonly string[]): Promise<void> {
  if (database === undefined || command === undefined) return;
  let store: Store | null = null;
  try {
    store = await openStore(database, 'write');
    await sendQueued(store, command, await store.queuedNotifications(ids.map(Number).filter(Number.isSafeInteger)), process.env);
  } finally {
    store?.close();
  }
}

run(process.argv.slice(2)).catch(() => {
  process.exitCode = 1;
});
