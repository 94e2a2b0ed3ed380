import type { DeltaMessage, PositionsMessage, SnapshotMessage } from '../../sim/view/protocol.ts';

/**
 * notepack.io (under socket.io-msgpack-parser) encodes typed arrays in Node as msgpack ext
 * type 0, which its Node decoder turns back into an ArrayBuffer but its browser decoder hands
 * over as `[0, ArrayBuffer]`. `typedFromWire` (sim/view/protocol.ts) would read that pair as a
 * two-element number array; unwrap it first. Harmless once the protocol handles it itself.
 */
export function unwrapExt(raw: unknown): unknown {
  if (Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'number' && raw[1] instanceof ArrayBuffer) {
    return raw[1];
  }
  return raw;
}

function fixColumns<T extends object>(obj: T | undefined, fields: readonly string[]): T | undefined {
  if (!obj) return obj;
  const out = { ...obj } as Record<string, unknown>;
  for (const f of fields) if (f in out) out[f] = unwrapExt(out[f]);
  return out as T;
}

const TABLE = ['index', 'x', 'y', 'zone', 'type', 'status', 'fill', 'systemQty', 'physicalQty'] as const;
const CHANGES = ['index', 'status', 'fill', 'systemQty', 'physicalQty'] as const;

/** A snapshot with ext-wrapped columns unwrapped. */
export function fixSnapshot(m: SnapshotMessage): SnapshotMessage {
  return { ...m, view: { ...m.view, bins: fixColumns(m.view.bins, TABLE)! } };
}

/** A delta with ext-wrapped columns unwrapped. */
export function fixDelta(m: DeltaMessage): DeltaMessage {
  if (!m.delta.bins) return m;
  return { ...m, delta: { ...m.delta, bins: fixColumns(m.delta.bins, CHANGES)! } };
}

/** A positions message with its ext-wrapped array unwrapped. */
export function fixPositions(m: PositionsMessage): PositionsMessage {
  return { ...m, xy: unwrapExt(m.xy) as Float64Array };
}
