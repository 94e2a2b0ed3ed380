import { describe, expect, it } from 'vitest';
import {
  growthByHolder,
  growthByKind,
  totalsByHolder,
  totalsByKind,
  type HeapSnapshotJson,
} from './heapDiff.ts';

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

  it('groups nodes by their holder and property two levels up, so a growing collection is named', () => {
    // Nodes [type, name, self_size, edge_count]; edges [type, name_or_index, to_node × 4].
    // World (0) .kpi → Kpi (1) .waits → Series (2) with `n` element entries (numbers, 3…).
    const holder = (n: number): HeapSnapshotJson => {
      const nodes: number[] = [3, 0, 10, 1, 3, 1, 10, 1, 3, 2, 8 * n, n];
      const edges: number[] = [2, 3, 4, 2, 4, 8];
      for (let i = 0; i < n; i++) {
        nodes.push(7, 5, 16, 0);
        edges.push(1, i, 4 * (3 + i));
      }
      // A weak edge back to World is not a holder.
      nodes[7] = 2;
      edges.splice(6, 0, 6, 0, 0);
      return {
        snapshot: {
          meta: {
            node_fields: ['type', 'name', 'self_size', 'edge_count'],
            node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number']],
            edge_fields: ['type', 'name_or_index', 'to_node'],
            edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']],
          },
        },
        nodes,
        edges,
        strings: ['World', 'Kpi', 'Series', 'kpi', 'waits', 'heap number'],
      };
    };
    const a = totalsByHolder(holder(2));
    const b = totalsByHolder(holder(5));
    expect(a.get('object:World.kpi > object:Kpi.waits > object:Series')).toEqual({
      count: 1,
      bytes: 16,
      edges: 2,
    });
    const top = growthByHolder(a, b)[0]!;
    expect(top.kind).toBe('object:Kpi.waits > object:Series.[] > number:heap number');
    expect(top.countDelta).toBe(3);
    const series = growthByHolder(a, b).find((r) => r.kind.endsWith('object:Series'))!;
    expect(series.edgesDelta).toBe(3);
    expect(series.bytesDelta).toBe(24);
  });
});
