import type { Low } from 'lowdb';
import { JSONFilePreset } from 'lowdb/node';

/**
 * lowdb's JSONFilePreset, with the file named when it cannot be read: a bare "Expected property
 * name in JSON at position 2" at start-up does not say which of the data folder's files is bad.
 */
export async function openJsonStore<T>(file: string, defaults: T): Promise<Low<T>> {
  try {
    return await JSONFilePreset<T>(file, defaults);
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
