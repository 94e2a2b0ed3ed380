import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreEngine } from '../../sim/index.ts';
import { startStateFile } from '../live/liveRun.ts';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { loadScenario } from '../scenarioLoader.ts';
import { readRunJournal } from './runJournal.ts';
import { demoCheckpoint } from './snapshotFixture.ts';

// A session created from an exercise with `start.snapshot` starts at the snapshot: its sim time,
// both ledgers and its truth; the journal numbering goes on from it; a restart resumes the run;
// a reset starts it again from the snapshot.

const dataDir = mkdtempSync(join(tmpdir(), 'bintwin-snapsession-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a session from an exercise with a start snapshot', () => {
  it('starts at the snapshot’s time with its stock, and resumes after a restart', async () => {
    const cp = demoCheckpoint(330);
    mkdirSync(join(dataDir, 'exercises', 'snapshots'), { recursive: true });
    writeFileSync(join(dataDir, 'exercises', 'snapshots', 'at-330.json'), JSON.stringify(cp));
    writeFileSync(
      join(dataDir, 'exercises', 'from-330.json'),
      JSON.stringify({
        schemaVersion: 1,
        name: 'from-330',
        title: 'From 5:30',
        scenario: 'demo-dc',
        start: { snapshot: 'snapshots/at-330.json' },
        roles: [{ role: 'picker', count: 1 }],
        objectives: ['pick'],
        standards: { pickTask: 1.5 },
        scoring: { passMark: 60 },
      }),
    );
    let srv = await startTestServer({ speed: 60, paused: true, until: null }, { dataDir });
    try {
      const res = await fetch(srv.url + '/api/training/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKENS.trainer}` },
        body: JSON.stringify({ scenario: 'demo-dc', exercise: 'from-330', speed: 60 }),
      });
      const created = (await res.json()) as { id: string; session: { startSimMs: number } };
      expect(res.status).toBe(201);
      const runner = srv.server.runner;
      expect(runner.currentRun().simTime).toBe(330 * 60_000);
      expect(created.session.startSimMs).toBe(330 * 60_000);
      const want = restoreEngine(loadScenario('demo-dc').scenario, cp.engine);
      for (const ledger of ['system', 'physical'] as const)
        expect(runner.read((e) => e.stock(ledger, 'sorted'))).toEqual(want.stock(ledger, 'sorted'));
      expect(runner.currentRun().truth()).toEqual(want.truth());
      // The run goes on from there: its journal's first event follows the snapshot's counter.
      await runner.control({ type: 'control.jump', simTime: 340 * 60_000 });
      const journal = readRunJournal(runner.currentRun().folder);
      expect(journal[0]?.seq).toBe(cp.lastSeq + 1);
      expect(journal.every((e) => e.t >= 330 * 60_000)).toBe(true);
      const id = runner.status().runId;
      await srv.server.close();
      srv = await startTestServer({ speed: 60, paused: true, until: null }, { dataDir });
      expect(srv.server.runner.status().runId).toBe(id);
      expect(srv.server.runner.currentRun().simTime).toBe(340 * 60_000);
      // And the debrief floor before the snapshot's time is refused: the run has no such moment.
      const early = await fetch(srv.url + `/api/training/sessions/${created.id}/floor?t=60000`, {
        headers: { authorization: `Bearer ${TEST_TOKENS.trainer}` },
      });
      expect(early.status).toBe(409);
      const later = await fetch(srv.url + `/api/training/sessions/${created.id}/floor?t=${335 * 60_000}`, {
        headers: { authorization: `Bearer ${TEST_TOKENS.trainer}` },
      });
      expect(later.status).toBe(200);

      // A reset goes back to the snapshot, not to the scenario's start: a new run at 5:30 with
      // the snapshot's ledgers and truth, its journal numbered on from it, the state kept.
      const reset = await srv.server.runner.control({ type: 'control.reset' });
      expect(reset.type).toBe('control.ack');
      const again = srv.server.runner;
      expect(again.status().runId).not.toBe(id);
      expect(again.currentRun().simTime).toBe(330 * 60_000);
      for (const ledger of ['system', 'physical'] as const)
        expect(again.read((e) => e.stock(ledger, 'sorted'))).toEqual(want.stock(ledger, 'sorted'));
      expect(again.currentRun().truth()).toEqual(want.truth());
      expect(existsSync(startStateFile(again.currentRun().folder))).toBe(true);
      await again.control({ type: 'control.jump', simTime: 331 * 60_000 });
      expect(readRunJournal(again.currentRun().folder)[0]?.seq).toBe(cp.lastSeq + 1);
      // Another seed cannot apply to a saved state (its random streams are in it): refused.
      const reseeded = await again.control({ type: 'control.reset', seed: 7 });
      expect(reseeded).toMatchObject({ type: 'control.error', code: 'invalid' });
      expect(reseeded.type === 'control.error' && reseeded.message).toMatch(/start\.json/);
    } finally {
      await srv.server.close();
    }
  }, 180_000);
});
