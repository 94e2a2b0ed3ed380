import { readFileSync } from 'node:fs';

/** The parts of a V8 `.heapsnapshot` file this reads. */
export interface HeapSnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Objects and their own bytes of one kind (`type:constructor`) in a snapshot. */
export interface KindTotal {
  count: number;
  bytes: number;
}

/** Count and self size per `type:name` (for objects, the name is the constructor). */
export function totalsByKind(s: HeapSnapshotJson): Map<string, KindTotal> {
  const { node_fields: nf, node_types: nt } = s.snapshot.meta;
  const width = nf.length;
  const iType = nf.indexOf('type');
  const iName = nf.indexOf('name');
  const iSize = nf.indexOf('self_size');
  const out = new Map<string, KindTotal>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const kind = `${nt[0][s.nodes[i + iType]!]}:${String(s.strings[s.nodes[i + iName]!]).slice(0, 80)}`;
    const t = out.get(kind) ?? { count: 0, bytes: 0 };
    t.count++;
    t.bytes += s.nodes[i + iSize]!;
    out.set(kind, t);
  }
  return out;
}

/** One row of a snapshot diff: how a kind changed from `a` to `b`. */
export interface KindGrowth {
  kind: string;
  countDelta: number;
  bytesDelta: number;
  bytes: number;
}

/** The kinds whose self size grew most from snapshot `a` to `b`, largest first. */
export function growthByKind(a: Map<string, KindTotal>, b: Map<string, KindTotal>, top = 40): KindGrowth[] {
  const rows: KindGrowth[] = [];
  for (const [kind, t] of b) {
    const o = a.get(kind) ?? { count: 0, bytes: 0 };
    rows.push({ kind, countDelta: t.count - o.count, bytesDelta: t.bytes - o.bytes, bytes: t.bytes });
  }
  return rows.sort((x, y) => y.bytesDelta - x.bytesDelta).slice(0, top);
}

/**
 * Edges and self size of every node, grouped by where it is held: the holder's kind and the
 * property (or element/internal slot) it is held under, two levels up, e.g.
 * `object:World.kpi > object:KpiAccumulator.waits > object:FloatSeries`. A collection that
 * keeps growing shows as a label whose edges (its entries) rise between two snapshots, which
 * a by-constructor total cannot tell apart from a thousand other plain objects. The holder of
 * a node is its first strong referrer (weak and shortcut edges are skipped), so the grouping
 * is cheap and stable, not a dominator tree.
 */
export function totalsByHolder(s: HeapSnapshotJson): Map<string, KindTotal & { edges: number }> {
  const { node_fields: nf, node_types: nt, edge_fields: ef, edge_types: et } = s.snapshot.meta;
  const width = nf.length;
  const ew = ef.length;
  const iType = nf.indexOf('type');
  const iName = nf.indexOf('name');
  const iSize = nf.indexOf('self_size');
  const iEdges = nf.indexOf('edge_count');
  const eType = ef.indexOf('type');
  const eName = ef.indexOf('name_or_index');
  const eTo = ef.indexOf('to_node');
  const edgeTypes = et[0];
  const count = s.nodes.length / width;
  const parent = new Int32Array(count).fill(-1);
  const via = new Array<string>(count);
  let e = 0;
  for (let n = 0; n < count; n++) {
    const k = s.nodes[n * width + iEdges]!;
    for (let j = 0; j < k; j++, e += ew) {
      const type = edgeTypes[s.edges[e + eType]!];
      if (type === 'weak' || type === 'shortcut') continue;
      const to = s.edges[e + eTo]! / width;
      if (parent[to] !== -1 || to === n) continue;
      parent[to] = n;
      const name = s.edges[e + eName]!;
      via[to] =
        type === 'element' || type === 'hidden'
          ? '[]'
          : String(s.strings[name]).slice(0, 40).replace(/\s+/g, ' ');
    }
  }
  const kind = (n: number): string =>
    `${nt[0][s.nodes[n * width + iType]!]}:${String(s.strings[s.nodes[n * width + iName]!])
      .slice(0, 40)
      .replace(/\s+/g, ' ')}`;
  const out = new Map<string, KindTotal & { edges: number }>();
  for (let n = 0; n < count; n++) {
    const p = parent[n]!;
    const g = p >= 0 ? parent[p]! : -1;
    const label = `${g >= 0 ? `${kind(g)}.${via[p]} > ` : ''}${p >= 0 ? `${kind(p)}.${via[n]} > ` : ''}${kind(n)}`;
    const t = out.get(label) ?? { count: 0, bytes: 0, edges: 0 };
    t.count++;
    t.bytes += s.nodes[n * width + iSize]!;
    t.edges += s.nodes[n * width + iEdges]!;
    out.set(label, t);
  }
  return out;
}

/** One row of a by-holder diff: how the nodes under one label changed from `a` to `b`. */
export interface HolderGrowth extends KindGrowth {
  edgesDelta: number;
  edges: number;
}

/** The holder labels whose nodes' self size grew most from `a` to `b` (ties broken by entries), largest first. */
export function growthByHolder(
  a: Map<string, KindTotal & { edges: number }>,
  b: Map<string, KindTotal & { edges: number }>,
  top = 40,
): HolderGrowth[] {
  const rows: HolderGrowth[] = [];
  for (const [kind, t] of b) {
    const o = a.get(kind) ?? { count: 0, bytes: 0, edges: 0 };
    rows.push({
      kind,
      countDelta: t.count - o.count,
      bytesDelta: t.bytes - o.bytes,
      bytes: t.bytes,
      edgesDelta: t.edges - o.edges,
      edges: t.edges,
    });
  }
  return rows.sort((x, y) => y.bytesDelta - x.bytesDelta || y.edgesDelta - x.edgesDelta).slice(0, top);
}

/** `npx tsx server/soak/heapDiff.ts a.heapsnapshot b.heapsnapshot`: what grew, by constructor and by holder. */
function main(argv: string[]): void {
  const [fa, fb] = argv;
  if (!fa || !fb) {
    process.stderr.write(
      'usage: npx tsx server/soak/heapDiff.ts <earlier.heapsnapshot> <later.heapsnapshot>\n',
    );
    process.exit(2);
  }
  const read = (f: string): HeapSnapshotJson => JSON.parse(readFileSync(f, 'utf8')) as HeapSnapshotJson;
  const sa = read(fa);
  const a = totalsByKind(sa);
  const ha = totalsByHolder(sa);
  const sb = read(fb);
  const b = totalsByKind(sb);
  const hb = totalsByHolder(sb);
  const sum = (m: Map<string, KindTotal>): number =>
    [...m.values()].reduce((n, t) => n + t.bytes, 0) / 2 ** 20;
  process.stdout.write(`self size ${sum(a).toFixed(1)} → ${sum(b).toFixed(1)} MB\n`);
  for (const r of growthByKind(a, b))
    process.stdout.write(
      `${(r.bytesDelta / 1024).toFixed(0).padStart(9)} KB ${String(r.countDelta).padStart(9)} objects  (now ${(r.bytes / 1024).toFixed(0)} KB)  ${r.kind}\n`,
    );
  process.stdout.write('\nby holder (holder.property > … > kind; entries = edges out of those nodes)\n');
  for (const r of growthByHolder(ha, hb))
    process.stdout.write(
      `${(r.bytesDelta / 1024).toFixed(0).padStart(9)} KB ${String(r.countDelta).padStart(8)} objects ${String(r.edgesDelta).padStart(8)} entries  (now ${(r.bytes / 1024).toFixed(0)} KB, ${r.edges} entries)  ${r.kind}\n`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
