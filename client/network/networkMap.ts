import type { NetworkView } from '../../sim/viewApi.ts';

/** Where a site sits on the lane map (SVG user units). */
export interface MapNode {
  id: string;
  role: 'dc' | 'branch';
  x: number;
  y: number;
}

/** A lane between two nodes, and whether goods are on it now. */
export interface MapEdge {
  from: MapNode;
  to: MapNode;
  busy: boolean;
  label: string;
}

/**
 * A two-column lane map: DCs on the left, branches on the right, each column spread evenly over
 * the height; a lane is a line between its ends, marked busy while shipments are on it. Sites of
 * one role that send to each other (DC to DC) are joined within the column.
 */
export function mapLayout(v: NetworkView, width = 600, height = 260): { nodes: MapNode[]; edges: MapEdge[] } {
  const place = (role: 'dc' | 'branch', x: number): MapNode[] => {
    const of = v.sites.filter((s) => s.role === role);
    return of.map((s, i) => ({ id: s.id, role, x, y: Math.round(((i + 1) * height) / (of.length + 1)) }));
  };
  const nodes = [...place('dc', Math.round(width * 0.2)), ...place('branch', Math.round(width * 0.8))];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: MapEdge[] = [];
  for (const l of v.lanes) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (!from || !to) continue;
    edges.push({ from, to, busy: l.transfers > 0, label: l.transfers > 0 ? `${l.units} u` : '' });
  }
  return { nodes, edges };
}
