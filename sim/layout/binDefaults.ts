import type { BinCapacity, BinType, TemperatureClass, ZoneKind } from './types.ts';

/** The bin type a zone's locations get when the spec does not say. */
export function defaultBinType(kind: ZoneKind): BinType {
  switch (kind) {
    case 'forward':
      return 'forward';
    case 'reserve':
    case 'cold':
    case 'hazmat':
      return 'reserve';
    case 'bulk':
      return 'floor';
    case 'receiving':
    case 'ship':
      return 'dock';
    case 'staging':
    case 'pack':
      return 'staging';
    case 'qc':
    case 'returns':
      return 'quarantine';
  }
}

/** Cold zones are chilled unless the spec says frozen; everything else is ambient. */
export function defaultTemperature(kind: ZoneKind): TemperatureClass {
  return kind === 'cold' ? 'chilled' : 'ambient';
}

/**
 * Typical capacities: a shelf/carton-flow face (forward), one 1.2×1.0×1.25 m pallet position
 * (reserve), a 4-deep floor lane (floor), a door's staging lane (dock/staging), a QC cage.
 */
const capacities: Record<BinType, BinCapacity> = {
  forward: { volumeL: 250, weightKg: 150, pallets: 0 },
  reserve: { volumeL: 1500, weightKg: 1000, pallets: 1 },
  floor: { volumeL: 6000, weightKg: 4000, pallets: 4 },
  dock: { volumeL: 30000, weightKg: 20000, pallets: 20 },
  staging: { volumeL: 15000, weightKg: 10000, pallets: 10 },
  quarantine: { volumeL: 6000, weightKg: 4000, pallets: 4 },
};

/** Capacity for a bin type, with any fields the spec gives taking precedence. */
export function defaultCapacity(
  type: BinType,
  given?: { volumeL?: number | undefined; weightKg?: number | undefined; pallets?: number | undefined },
): BinCapacity {
  const d = capacities[type];
  return {
    volumeL: given?.volumeL ?? d.volumeL,
    weightKg: given?.weightKg ?? d.weightKg,
    pallets: given?.pallets ?? d.pallets,
  };
}
