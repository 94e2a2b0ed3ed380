import { describe, expect, it } from 'vitest';
import { parseSoakArgs } from './soakArgs.ts';

function parse(argv: string[]): { r: ReturnType<typeof parseSoakArgs>; out: string; err: string } {
  let out = '';
  let err = '';
  const r = parseSoakArgs(
    argv,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { r, out, err };
}

describe('npm run soak flags', () => {
  it('prints help with every flag and exits 0', () => {
    const { r, out } = parse(['--help']);
    expect(r).toBe(0);
    for (const f of [
      '--hours',
      '--viewers',
      '--rate',
      '--sample-seconds',
      '--fit-share',
      '--speed',
      '--heap-snapshots',
    ])
      expect(out).toContain(f);
  });
  it('defaults to one hour, 20 viewers, 200 scans/s, a sample a minute, fitting the last half', () => {
    expect(parse([]).r).toEqual({
      hours: 1,
      viewers: 20,
      rate: 200,
      sampleMs: 60_000,
      fitShare: 0.5,
      speed: 60,
      snapshotMinutes: [],
    });
  });
  it('takes heap snapshots at the given minutes, or at 20 %, 50 % and 95 % of the run', () => {
    expect(
      parse(['--heap-snapshots', '/tmp/s', '--snapshot-minutes', '20,8', '--speed', '300']).r,
    ).toMatchObject({
      snapshotDir: '/tmp/s',
      snapshotMinutes: [8, 20],
      speed: 300,
    });
    expect(parse(['--hours', '0.5', '--heap-snapshots', 'd']).r).toMatchObject({
      snapshotMinutes: [6, 15, 28.5],
    });
    expect(parse(['--snapshot-minutes', '5']).err).toContain('needs --heap-snapshots');
    expect(parse(['--hours', '0.5', '--heap-snapshots', 'd', '--snapshot-minutes', '5,40']).err).toContain(
      '--snapshot-minutes "5,40"',
    );
    expect(parse(['--speed', '5000']).err).toContain('--speed "5000"');
  });
  it('names the flag and the value it refuses', () => {
    const bad = parse(['--fit-share', '1']);
    expect(bad.r).toBe(2);
    expect(bad.err).toContain('--fit-share "1"');
    expect(parse(['--viewers', '2.5']).err).toContain('--viewers "2.5" is not a whole number');
    const unknown = parse(['--hour', '3']);
    expect(unknown.r).toBe(2);
    expect(unknown.err).toContain("unknown option '--hour'");
  });
});
