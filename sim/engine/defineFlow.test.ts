import { describe, expect, it } from 'vitest';
import { defineFlow } from './defineFlow.ts';

describe('defineFlow: a typed handle on a flow state slice', () => {
  it('creates the slice on first use, peeks without creating it, and clears it', () => {
    const h = defineFlow({ name: 'probe', state: () => ({ n: 0, seen: [] as string[] }) });
    const w = { flow: {} as Record<string, unknown> };
    expect(h.peek(w)).toBeUndefined();
    expect(w.flow).toEqual({});
    h.state(w).n++;
    h.state(w).seen.push('a');
    expect(w.flow).toEqual({ probe: { n: 1, seen: ['a'] } });
    expect(h.peek(w)).toBe(h.state(w));
    h.clear(w);
    expect(w.flow).toEqual({});
  });

  it('numbers nothing before registration, and refuses state it does not declare', () => {
    const h = defineFlow({ name: 'unregistered', events: ['tick'], actions: ['act'] });
    expect(h.ev.tick).toBe(-1);
    expect(h.act.act).toBe(-1);
    expect(() => h.state({ flow: {} })).toThrow('flow unregistered declares no state');
  });
});
