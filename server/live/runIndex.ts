import { openJsonStore } from './openJsonStore.ts';
import type { Low } from 'lowdb';

/** Schema version of runs.json; bump with a migration when its shape changes. */
export const RUN_INDEX_SCHEMA_VERSION = 1;

/** One run in the index. */
export interface RunEntry {
  id: string;
  scenario: string;
  seed: string;
  /** Wall-clock ISO times. */
  createdAt: string;
  updatedAt: string;
  status: 'running' | 'stopped';
  /** Sim time and last journal seq at the last checkpoint. */
  simTime: number;
  lastSeq: number;
}

/** The content of runs.json. */
export interface RunIndexData {
  schemaVersion: number;
  /** The run a restart resumes; null before the first. */
  current: string | null;
  nextId: number;
  runs: RunEntry[];
}

/** The run index (lowdb: a small document rewritten atomically on each change). */
export class RunIndex {
  private constructor(private readonly db: Low<RunIndexData>) {}

  /** Opens (or creates) the index; refuses a file of another schema version. */
  static async open(file: string): Promise<RunIndex> {
    const db = await openJsonStore<RunIndexData>(file, {
      schemaVersion: RUN_INDEX_SCHEMA_VERSION,
      current: null,
      nextId: 1,
      runs: [],
    });
    if (db.data.schemaVersion !== RUN_INDEX_SCHEMA_VERSION) {
      throw new Error(
        `${file}: schemaVersion ${String(db.data.schemaVersion)} is not ${RUN_INDEX_SCHEMA_VERSION} (written by another bintwin version)`,
      );
    }
    return new RunIndex(db);
  }

  /** Every run, oldest first. */
  list(): RunEntry[] {
    return this.db.data.runs.map((r) => ({ ...r }));
  }

  /** One run, or undefined. */
  get(id: string): RunEntry | undefined {
    const r = this.db.data.runs.find((x) => x.id === id);
    return r && { ...r };
  }

  /** The run to resume, if any. */
  current(): RunEntry | undefined {
    const id = this.db.data.current;
    return id === null ? undefined : this.get(id);
  }

  /** Allocates the next run id (`r0001-demo-dc`) without recording a run yet. */
  async allocateId(scenario: string): Promise<string> {
    const n = this.db.data.nextId;
    this.db.data.nextId = n + 1;
    await this.db.write();
    return `r${String(n).padStart(4, '0')}-${scenario}`;
  }

  /** Records a new run and makes it current. */
  async add(entry: RunEntry): Promise<void> {
    this.db.data.runs.push({ ...entry });
    this.db.data.current = entry.id;
    await this.db.write();
  }

  /** Updates a run's progress or status. */
  async update(id: string, patch: Partial<Omit<RunEntry, 'id'>>): Promise<void> {
    const r = this.db.data.runs.find((x) => x.id === id);
    if (!r) return;
    Object.assign(r, patch, { updatedAt: new Date().toISOString() });
    await this.db.write();
  }
}
