import { describe, expect, it } from 'vitest';
import { RecordPool } from './recordPool.ts';

describe('RecordPool', () => {
  it('reuses freed records and builds only when none is free', () => {
    const pool = new RecordPool(() => ({ v: 0 }));
    const a = pool.take();
    const b = pool.take();
    expect(a).not.toBe(b);
    expect(pool.created).toBe(2);
    pool.give(a);
    expect(pool.idle).toBe(1);
    expect(pool.take()).toBe(a);
    expect(pool.created).toBe(2);
    expect(pool.idle).toBe(0);
  });

  it('holds at most `keep` free records', () => {
    const pool = new RecordPool(() => ({}), 2);
    const rs = [pool.take(), pool.take(), pool.take()];
    for (const r of rs) pool.give(r);
    expect(pool.idle).toBe(2);
  });

  it('stays at its high-water mark under steady churn', () => {
    const pool = new RecordPool(() => ({ id: 0 }));
    const live: { id: number }[] = [];
    for (let i = 0; i < 10_000; i++) {
      const r = pool.take();
      r.id = i;
      live.push(r);
      if (live.length > 7) pool.give(live.shift()!);
    }
    expect(pool.created).toBe(8);
  });
});
