import { binCheckString, formatBinCode } from './binCode.ts';
import { defaultBinType, defaultCapacity, defaultTemperature } from './binDefaults.ts';
import type { GeneratedLayoutSpec } from './layoutSpec.ts';
import type { Aisle, Bin, Dock, Layout, Point, Zone } from './types.ts';

type Generator = GeneratedLayoutSpec['generate'];
type ZoneSpec = Generator['zones'][number];

/**
 * Generate a site from parameters. Geometry (metres): the dock wall runs along y = 0 with
 * inbound doors from the left and outbound doors from the right; floor areas (staging, QC,
 * pack, returns) sit in a row across the apron at y = apronDepth / 2; the front cross aisle
 * is at y = apronDepth; racking zones follow each other left to right in spec order, aisle i
 * centred at x = (i + 0.5) · aisleSpacing; every aisle runs from the front to the back cross
 * aisle (a zone with fewer bays simply has empty floor at the far end) and blocks-1 middle
 * cross aisles split the bays into equal blocks. Bins are numbered zone by zone in spec order,
 * then aisle, bay, level; dock doors follow their zone's own area bins.
 */
export function generateLayout(spec: GeneratedLayoutSpec): Layout {
  const g = spec.generate;
  const zones: Zone[] = g.zones.map((zn) => ({
    id: zn.id,
    name: zn.name,
    kind: zn.kind,
    temperature: zn.temperature ?? defaultTemperature(zn.kind),
    hazard: zn.hazard,
  }));

  // Positions along an aisle are shared by both faces; blocks split the deepest aisle evenly.
  const positionsOf = (zn: ZoneSpec): number =>
    Math.ceil((zn.baysPerAisle ?? g.baysPerAisle) / (zn.sides ?? g.sides));
  const deepest = Math.max(1, ...g.zones.filter((zn) => zn.aisles > 0).map(positionsOf));
  const perBlock = Math.ceil(deepest / g.blocks);
  const blockLength = perBlock * g.bayWidth + g.crossAisleWidth; // centre line to centre line
  const front = g.apronDepth;
  const crossAisles = Array.from({ length: g.blocks + 1 }, (_, b) => front + b * blockLength);
  const back = crossAisles[g.blocks] as number;
  const positionY = (p: number): number => {
    const block = Math.floor(p / perBlock);
    return front + block * blockLength + g.crossAisleWidth / 2 + ((p % perBlock) + 0.5) * g.bayWidth;
  };

  const aisles: Aisle[] = [];
  const bins: Bin[] = [];
  const docks: Dock[] = [];
  let areaSlot = 0;
  const doorsPlaced = { inbound: false, outbound: false };
  const totalAisles = g.zones.reduce((s, zn) => s + zn.aisles, 0);
  const siteWidth = Math.max(totalAisles * g.aisleSpacing, 1);

  g.zones.forEach((zn, zi) => {
    const zone = zones[zi] as Zone;
    const type = zn.binType ?? defaultBinType(zn.kind);
    const capacity = defaultCapacity(type, zn.capacity);
    const push = (
      aisle: number,
      aisleNo: number,
      bay: number,
      level: number,
      x: number,
      y: number,
      t = type,
    ): Bin => {
      const code = formatBinCode({ zone: zn.id, aisle: aisleNo, bay, level });
      const bin: Bin = {
        index: bins.length,
        code,
        zone: zn.id,
        aisle,
        bay,
        level,
        type: t,
        x,
        y,
        capacity: t === type ? { ...capacity } : defaultCapacity(t),
        temperature: zone.temperature,
        hazard: zone.hazard,
        check: binCheckString(code),
      };
      bins.push(bin);
      return bin;
    };

    const sides = zn.sides ?? g.sides;
    const bays = zn.baysPerAisle ?? g.baysPerAisle;
    const levels = zn.levels ?? g.levels;
    for (let a = 1; a <= zn.aisles; a++) {
      const aisle: Aisle = {
        index: aisles.length,
        zone: zn.id,
        number: a,
        x: (aisles.length + 0.5) * g.aisleSpacing,
        yFront: front,
        yBack: back,
      };
      aisles.push(aisle);
      for (let bay = 1; bay <= bays; bay++) {
        const y = positionY(Math.floor((bay - 1) / sides));
        for (let level = 1; level <= levels; level++) push(aisle.index, a, bay, level, aisle.x, y);
      }
    }
    for (let k = 1; k <= zn.bins; k++) push(-1, 0, k, 1, (areaSlot++ + 0.5) * g.areaSpacing, front / 2);

    // Dock doors belong to the first receiving (inbound) / ship (outbound) zone.
    for (const [side, kind] of [
      ['inbound', 'receiving'],
      ['outbound', 'ship'],
    ] as const) {
      if (zn.kind !== kind || doorsPlaced[side]) continue;
      doorsPlaced[side] = true;
      for (let d = 0; d < g.docks[side]; d++) {
        const offset = (d + 0.5) * g.docks.spacing;
        const x = side === 'inbound' ? offset : siteWidth - offset;
        const bin = push(-1, 0, zn.bins + d + 1, 1, x, 0, 'dock');
        docks.push({ id: bin.code, x, y: 0, kind: side, bin: bin.index });
      }
    }
  });

  const pack = bins.find((b) => zones.find((zn) => zn.id === b.zone)?.kind === 'pack');
  const depot: Point = g.depot ?? (pack ? { x: pack.x, y: pack.y } : { x: aisles[0]?.x ?? 0, y: front });
  return { site: g.site, zones, aisles, bins, crossAisles, depot, docks };
}
