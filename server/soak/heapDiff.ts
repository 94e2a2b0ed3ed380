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

/** `npx tsx server/soak/heapDiff.ts a.heapsnapshot b.heapsnapshot`: what grew, by constructor. */
function main(argv: string[]): void {
  const [fa, fb] = argv;
  if (!fa || !fb) {
    process.stderr.write(
      'usage: npx tsx server/soak/heapDiff.ts <earlier.heapsnapshot> <later.heapsnapshot>\n',
    );
    process.exit(2);
  }
  const load = (f: string): Map<string, KindTotal> =>
    totalsByKind(JSON.parse(readFileSync(f, 'utf8')) as HeapSnapshotJson);
  const a = load(fa);
  const b = load(fb);
  const sum = (m: Map<string, KindTotal>): number =>
    [...m.values()].reduce((n, t) => n + t.bytes, 0) / 2 ** 20;
  process.stdout.write(`self size ${sum(a).toFixed(1)} → ${sum(b).toFixed(1)} MB\n`);
  for (const r of growthByKind(a, b))
    process.stdout.write(
      `${(r.bytesDelta / 1024).toFixed(0).padStart(9)} KB ${String(r.countDelta).padStart(9)} objects  (now ${(r.bytes / 1024).toFixed(0)} KB)  ${r.kind}\n`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
