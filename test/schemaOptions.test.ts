import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../sim/index.ts';
import { schemaOptions, withOption } from './schemaOptions.ts';

describe('schemaOptions (the configuration-matrix walker)', () => {
  it('finds enums, literal unions and booleans through every kind of wrapper, and nothing else', () => {
    const schema = z
      .object({
        version: z.literal(1),
        mode: z.enum(['a', 'b']).default('a'),
        sides: z.union([z.literal(1), z.literal(2)]).optional(),
        nested: z
          .object({ on: z.boolean().default(true), n: z.number() })
          .strict()
          .refine(() => true)
          .prefault({ n: 1 }),
        list: z.array(z.object({ kind: z.enum(['x', 'y', 'z']) })).default([]),
        byName: z.record(z.string(), z.object({ flag: z.boolean() })),
        dist: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('constant'), value: z.number() }),
          z.object({ kind: z.literal('uniform'), fast: z.boolean() }),
        ]),
        piped: z.string().pipe(z.enum(['p', 'q'])),
        opaque: z.unknown().transform((x) => x),
      })
      .strict();
    expect(schemaOptions(schema)).toEqual([
      { path: 'byName.{}.flag', kind: 'boolean', values: [true, false] },
      { path: 'dist.fast', kind: 'boolean', values: [true, false] },
      { path: 'list.[].kind', kind: 'enum', values: ['x', 'y', 'z'] },
      { path: 'mode', kind: 'enum', values: ['a', 'b'] },
      { path: 'nested.on', kind: 'boolean', values: [true, false] },
      { path: 'piped', kind: 'enum', values: ['p', 'q'] },
      { path: 'sides', kind: 'enum', values: [1, 2] },
    ]);
  });

  it('finds the scenario options known today (a new one only adds to this list)', () => {
    const found = new Map(schemaOptions(scenarioSchema).map((o) => [o.path, o.values]));
    const known: Record<string, unknown[]> = {
      'counting.policy': ['random', 'abc', 'risk'],
      'counting.triggers.shortPick': [true, false],
      'counting.triggers.shortfall': [true, false],
      'counting.triggers.zeroStock': [true, false],
      'inbound.poPolicy': ['random', 'reorderPoint'],
      'inventory.mode': ['tracked', 'unlimited'],
      'picking.method': ['discrete', 'batch', 'zone', 'cluster'],
      'picking.routing': ['return', 's-shape', 'largest-gap', 'nearest-neighbour'],
      'picking.travel': ['aisles', 'none'],
      'release.policy': ['immediate', 'wave'],
      'replenishment.putawayDrivers': ['all', 'urgent', 'none'],
      'replenishment.waveTrigger': [true, false],
      'returns.units': ['line', 'partial'],
      'stock.slotting': ['velocity', 'random'],
      'workers.[].role': ['receiver', 'putaway', 'picker', 'replenisher', 'packer', 'counter', 'controller'],
    };
    for (const [path, values] of Object.entries(known))
      expect(found.get(path), path).toEqual(expect.arrayContaining(values));
  });

  it('withOption sets a path, creating missing objects and touching only the first array element', () => {
    const base = { a: { b: 1 }, list: [{ r: 'x' }, { r: 'y' }], empty: [] as unknown[] };
    expect(withOption(base, 'a.c', true)).toEqual({ ...base, a: { b: 1, c: true } });
    expect(withOption(base, 'new.deep.k', 'v')).toMatchObject({ new: { deep: { k: 'v' } } });
    expect(withOption(base, 'list.[].r', 'z')).toEqual({ ...base, list: [{ r: 'z' }, { r: 'y' }] });
    expect(withOption(base, 'empty.[].r', 'z')).toBeNull();
    expect(base.a).toEqual({ b: 1 });
  });
});
