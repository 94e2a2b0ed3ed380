import { describe, expect, it } from 'vitest';
import { growthByKind, totalsByKind, type HeapSnapshotJson } from './heapDiff.ts';

// A hand-made snapshot: nodes are [type, name, self_size] triples (no edges needed here).
const snap = (nodes: [number, number, number][]): HeapSnapshotJson => ({
  snapshot: {
    meta: {
      node_fields: ['type', 'name', 'self_size'],
      node_types: [['object', 'array', 'string']],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [['property']],
    },
  },
  nodes: nodes.flat(),
  edges: [],
  strings: ['Map', 'JournalEvent', '(object elements)'],
});

describe('heap snapshot diff', () => {
  it('totals self size by type and constructor and ranks what grew', () => {
    const a = totalsByKind(
      snap([
        [0, 1, 100],
        [0, 0, 50],
      ]),
    );
    const b = totalsByKind(
      snap([
        [0, 1, 100],
        [0, 1, 120],
        [0, 1, 80],
        [0, 0, 40],
        [1, 2, 1000],
      ]),
    );
    expect(a.get('object:JournalEvent')).toEqual({ count: 1, bytes: 100 });
    const g = growthByKind(a, b);
    expect(g.map((r) => r.kind)).toEqual(['array:(object elements)', 'object:JournalEvent', 'object:Map']);
    expect(g[1]).toEqual({ kind: 'object:JournalEvent', countDelta: 2, bytesDelta: 200, bytes: 300 });
    expect(g[2]!.bytesDelta).toBe(-10);
  });
});
