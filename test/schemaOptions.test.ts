import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../sim/index.ts';
import { numericOptions, otherNumber, schemaOptions, withNumber, withOption } from './schemaOptions.ts';

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

  it('numericOptions finds numbers with bounds and int flags, and a distribution as one option', () => {
    const dist = z.union([z.number(), z.object({ kind: z.literal('constant'), value: z.number() })]);
    const schema = z
      .object({
        share: z.number().min(0).max(1).default(0.2),
        slots: z.number().int().nonnegative().default(0),
        time: dist.optional(),
        list: z.array(z.number().positive()).default([1, 2]),
        name: z.string(),
      })
      .strict();
    expect(numericOptions(schema, dist)).toEqual([
      { path: 'list.[]', kind: 'number', min: 0, max: Infinity },
      { path: 'share', kind: 'number', min: 0, max: 1 },
      { path: 'slots', kind: 'int', min: 0, max: Infinity },
      { path: 'time', kind: 'distribution', min: 0, max: Infinity },
    ]);
  });

  it('otherNumber moves off the current value inside the bounds; withNumber sets list and record heads', () => {
    const share = { path: 'x', kind: 'number', min: 0, max: 1 } as const;
    expect(otherNumber(share, 0.2)).toBeCloseTo(0.6);
    expect(otherNumber(share, 1)).toBe(0.5);
    expect(otherNumber({ ...share, kind: 'int', max: Infinity }, 0)).toBe(1);
    expect(otherNumber({ ...share, kind: 'int', max: Infinity }, 3)).toBe(6);
    expect(otherNumber({ ...share, kind: 'int', max: 4 }, 4)).toBe(2);
    const d = { ...share, kind: 'distribution', max: Infinity } as const;
    expect(otherNumber(d, { kind: 'triangular', min: 1, mode: 2, max: 3 })).toEqual({
      kind: 'triangular',
      min: 2,
      mode: 4,
      max: 6,
    });
    expect(otherNumber(d, { kind: 'constant', value: 0 })).toEqual({ kind: 'constant', value: 1 });
    const base = { a: { hours: [0, 1, 2] }, r: { f: 3, g: 4 } };
    expect(withNumber(base, 'a.hours.[]', 9)).toEqual({ ...base, a: { hours: [9, 1, 2] } });
    expect(withNumber(base, 'r.{}', 7)).toEqual({ ...base, r: { f: 7, g: 4 } });
    expect(withNumber(base, 'b.[]', 1, { b: [5] })).toEqual({ ...base, b: [1] });
    expect(withNumber(base, 'c.[]', 1)).toBeNull();
  });
});
