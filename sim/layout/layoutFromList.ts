import { binCheckString, parseBinCode } from './binCode.ts';
import { defaultBinType, defaultCapacity, defaultTemperature } from './binDefaults.ts';
import type { ListLayoutSpec } from './layoutSpec.ts';
import type { Aisle, Bin, Dock, Layout, Zone } from './types.ts';

/**
 * Build a layout from an explicit bin list. Bins keep spec order (so indices are stable when
 * a surveyed site is edited by appending). Bins whose code has aisle 00 are floor areas
 * (aisle -1). Aisles, when not given, are derived per (zone, aisle number) from the bins:
 * x from the bins (which must agree), yFront/yBack from their extent, ordered by x then
 * zone and number. Cross aisles default to the front-most and back-most aisle ends.
 */
export function layoutFromList(spec: ListLayoutSpec): Layout {
  const zones: Zone[] = spec.zones.map((zn) => ({
    id: zn.id,
    name: zn.name,
    kind: zn.kind,
    temperature: zn.temperature ?? defaultTemperature(zn.kind),
    hazard: zn.hazard,
  }));
  const zoneById = new Map(zones.map((zn) => [zn.id, zn]));
  const parsed = spec.bins.map((b) => ({ spec: b, parts: parseBinCode(b.code) }));

  const key = (zone: string, number: number): string => `${zone}-${number}`;
  let aisles: Aisle[];
  if (spec.aisles) {
    aisles = spec.aisles.map((a, index) => ({ index, ...a }));
  } else {
    const byKey = new Map<string, Omit<Aisle, 'index'>>();
    for (const { spec: b, parts } of parsed) {
      if (parts.aisle === 0) continue;
      const k = key(parts.zone, parts.aisle);
      const a = byKey.get(k);
      if (!a) {
        byKey.set(k, { zone: parts.zone, number: parts.aisle, x: b.x, yFront: b.y, yBack: b.y });
      } else {
        if (a.x !== b.x) throw new RangeError(`bin ${b.code} has x ${b.x} but aisle ${k} has x ${a.x}`);
        a.yFront = Math.min(a.yFront, b.y);
        a.yBack = Math.max(a.yBack, b.y);
      }
    }
    aisles = [...byKey.values()]
      .sort((p, q) => p.x - q.x || (p.zone < q.zone ? -1 : p.zone > q.zone ? 1 : 0) || p.number - q.number)
      .map((a, index) => ({ index, ...a }));
  }
  const aisleIndex = new Map(aisles.map((a) => [key(a.zone, a.number), a.index]));

  const bins: Bin[] = parsed.map(({ spec: b, parts }, index) => {
    const zone = zoneById.get(parts.zone);
    if (!zone) throw new RangeError(`bin ${b.code} is in unknown zone ${parts.zone}`);
    let aisle = -1;
    if (parts.aisle !== 0) {
      const found = aisleIndex.get(key(parts.zone, parts.aisle));
      if (found === undefined)
        throw new RangeError(`bin ${b.code} names aisle ${parts.aisle} not listed in aisles`);
      aisle = found;
    }
    const type = b.type ?? defaultBinType(zone.kind);
    return {
      index,
      code: b.code,
      zone: parts.zone,
      aisle,
      bay: parts.bay,
      level: parts.level,
      type,
      x: b.x,
      y: b.y,
      capacity: defaultCapacity(type, b.capacity),
      temperature: b.temperature ?? zone.temperature,
      hazard: b.hazard === undefined ? zone.hazard : b.hazard,
      check: binCheckString(b.code),
    };
  });

  const ys = aisles.flatMap((a) => [a.yFront, a.yBack]);
  const allYs = ys.length > 0 ? ys : bins.map((b) => b.y);
  const crossAisles = [...(spec.crossAisles ?? [Math.min(...allYs), Math.max(...allYs)])].sort(
    (p, q) => p - q,
  );
  const byCode = new Map(bins.map((b) => [b.code, b.index]));
  const docks: Dock[] = spec.docks.map((d) => ({ ...d, bin: byCode.get(d.id) ?? -1 }));
  const depot = spec.depot ?? { x: aisles[0]?.x ?? bins[0]?.x ?? 0, y: crossAisles[0] as number };
  return { site: spec.site, zones, aisles, bins, crossAisles, depot, docks };
}
