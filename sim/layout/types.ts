/** Storage role of a location; drives putaway, allocation and replenishment rules. */
export type BinType = 'forward' | 'reserve' | 'floor' | 'dock' | 'staging' | 'quarantine';

/** All bin types, in a stable order (for schemas and exhaustive loops). */
export const binTypes = ['forward', 'reserve', 'floor', 'dock', 'staging', 'quarantine'] as const;

/** Temperature regime of a zone, bin or item; an item may only be stored at its own class. */
export type TemperatureClass = 'ambient' | 'chilled' | 'frozen';

/** All temperature classes, coldest last. */
export const temperatureClasses = ['ambient', 'chilled', 'frozen'] as const;

/** UN dangerous-goods class ('3' flammable liquid, '8' corrosive, …) or null for none. */
export type HazardClass = string | null;

/** What a zone is for; several zones may share a kind (two reserve halls, say). */
export type ZoneKind =
  | 'receiving'
  | 'staging'
  | 'qc'
  | 'reserve'
  | 'forward'
  | 'bulk'
  | 'cold'
  | 'hazmat'
  | 'pack'
  | 'ship'
  | 'returns';

/** All zone kinds. */
export const zoneKinds = [
  'receiving',
  'staging',
  'qc',
  'reserve',
  'forward',
  'bulk',
  'cold',
  'hazmat',
  'pack',
  'ship',
  'returns',
] as const;

/** How much a bin holds; a bin is full when any one limit is reached. */
export interface BinCapacity {
  volumeL: number;
  weightKg: number;
  /** Pallet positions; 0 for shelving that takes cases or eaches only. */
  pallets: number;
}

/** One storage or handling location. */
export interface Bin {
  /** Dense 0-based index; the engine keys its arrays by it. */
  index: number;
  /** Human code `A-01-02-C` (zone-aisle-bay-level); aisle 00 marks a floor area, not an aisle. */
  code: string;
  zone: string;
  /** Index into `Layout.aisles`, or -1 for floor areas (docks, staging, QC, pack) off the aisle grid. */
  aisle: number;
  bay: number;
  /** 1 = floor level (letter A). */
  level: number;
  type: BinType;
  /** Pick-face position in metres: on the aisle centre line (x = aisle x, y along the aisle). */
  x: number;
  y: number;
  capacity: BinCapacity;
  temperature: TemperatureClass;
  hazard: HazardClass;
  /** Two-digit check string printed on the label and spoken/scanned to confirm the visit. */
  check: string;
}

/** A functional area of the site. */
export interface Zone {
  id: string;
  name: string;
  kind: ZoneKind;
  temperature: TemperatureClass;
  hazard: HazardClass;
}

/** A picking aisle: a vertical travel line between the front and back cross aisles. */
export interface Aisle {
  index: number;
  zone: string;
  /** Aisle number within its zone, as printed in bin codes. */
  number: number;
  /** Centre-line x in metres. */
  x: number;
  yFront: number;
  yBack: number;
}

/** A dock door where trucks load or unload. */
export interface Dock {
  id: string;
  x: number;
  y: number;
  kind: 'inbound' | 'outbound';
  /** Index of the dock-type bin that represents this door, or -1 if none does (list form). */
  bin: number;
}

/** A floor point in metres. */
export interface Point {
  x: number;
  y: number;
}

/** The whole physical site: what the engine routes over and stores into. */
export interface Layout {
  site: string;
  zones: Zone[];
  aisles: Aisle[];
  bins: Bin[];
  /** y of every cross aisle, ascending; first = front, last = back, middle ones split blocks. */
  crossAisles: number[];
  /** Where pick tours start and end (the pack station at the front, typically). */
  depot: Point;
  docks: Dock[];
}
