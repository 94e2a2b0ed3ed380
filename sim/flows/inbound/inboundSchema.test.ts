import { describe, expect, it } from 'vitest';
import { inboundSchema } from './inboundSchema.ts';

describe('inboundSchema', () => {
  it('refuses reorder-point buying with no receiving day (building such a site never returned)', () => {
    const r = inboundSchema.safeParse({ poPolicy: 'reorderPoint', trucksPerDay: [0, 0, 0, 0, 0, 0, 0] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['trucksPerDay']);
  });

  it('accepts a site that receives no trucks under random buying (a branch refilled by transfers)', () => {
    expect(inboundSchema.safeParse({ poPolicy: 'random', trucksPerDay: [0, 0, 0, 0, 0, 0, 0] }).success).toBe(
      true,
    );
  });
});
