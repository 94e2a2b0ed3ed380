import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

/**
 * A lowdb document on disk, with the file named when it cannot be read: a bare "Expected
 * property name in JSON at position 2" at start-up does not say which of the data folder's
 * files is bad. Not lowdb's JSONFilePreset: under NODE_ENV=test (vitest sets it) that keeps the
 * document in memory only, so a server restarted in-process found no run index and began a new
 * run at sim time 0 over the old run's folder instead of resuming it.
 */
export async function openJsonStore<T>(file: string, defaults: T): Promise<Low<T>> {
  try {
    const db = new Low<T>(new JSONFile<T>(file), defaults);
    await db.read();
    return db;
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
