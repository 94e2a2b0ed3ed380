import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SnapshotError } from '../../sim/index.ts';
import { readCheckpointFile, withCheckpointPath } from './checkpointFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-cp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const envelope = {
  schemaVersion: 1,
  runId: 'demo-dc-1',
  scenario: 'demo-dc',
  seed: '1',
  lastSeq: 7,
  simTime: 0,
  savedAt: '2026-12-01T00:00:00.000Z',
  pacing: { speed: 60, paused: false, until: null },
  engine: { counters: { journal: 7 } },
};
function write(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('readCheckpointFile', () => {
  it('reads a well-formed envelope', () => {
    expect(readCheckpointFile(write('ok.json', envelope)).lastSeq).toBe(7);
  });

  it('names the file and the field of a wrong-typed or missing envelope field', () => {
    const p = write('speed.json', { ...envelope, pacing: { ...envelope.pacing, speed: 'fast' } });
    expect(() => readCheckpointFile(p)).toThrow(new RegExp(`^${p}: pacing\\.speed: `));
    const q = write('seq.json', { ...envelope, lastSeq: undefined });
    expect(() => readCheckpointFile(q)).toThrow(new RegExp(`^${q}: lastSeq: .*--new-run`));
    const v = write('v.json', { ...envelope, schemaVersion: 2 });
    expect(() => readCheckpointFile(v)).toThrow(new RegExp(`^${v}: schemaVersion: `));
  });

  it('refuses a torn file and a journal position the snapshot does not match', () => {
    const torn = write('torn.json', JSON.stringify(envelope).slice(0, 40));
    expect(() => readCheckpointFile(torn)).toThrow(`${torn}: not valid JSON (truncated or edited?)`);
    const off = write('off.json', { ...envelope, lastSeq: 8 });
    expect(() => readCheckpointFile(off)).toThrow(
      `${off}: lastSeq 8 is not the snapshot's journal counter 7`,
    );
  });
});

describe('withCheckpointPath', () => {
  it('prefixes a refused snapshot with the file and the engine path; other errors pass as they are', () => {
    expect(() =>
      withCheckpointPath('/d/checkpoint.json', () => {
        throw new SnapshotError('expected number', 'orders[0].state');
      }),
    ).toThrow('/d/checkpoint.json: engine.orders[0].state: expected number');
    expect(() =>
      withCheckpointPath('/d/checkpoint.json', () => {
        throw new SnapshotError('statechart differs');
      }),
    ).toThrow(/^\/d\/checkpoint\.json: statechart differs$/);
    expect(() =>
      withCheckpointPath('/d/checkpoint.json', () => {
        throw new TypeError('bug');
      }),
    ).toThrow(/^bug$/);
  });
});
