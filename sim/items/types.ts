import type { HazardClass, TemperatureClass } from '../layout/types.ts';

/** ABC velocity class: A items carry the top 80% of order lines, B the next 15%, C the rest. */
export type VelocityClass = 'A' | 'B' | 'C';

/** One packaging level of an item (each, inner pack, case, pallet). */
export interface UomLevel {
  /** 'EA' | 'IP' | 'CS' | 'PL' by convention; free text in list-form items. */
  uom: string;
  /** Base units in one of this UoM (1 for the base UoM). */
  factor: number;
  /** GTIN-14 with a valid GS1 check digit; the indicator digit differs per level. */
  gtin: string;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  weightKg: number;
}

/** An item master record. Quantities elsewhere are in base units (`baseUom`). */
export interface Item {
  /** Dense 0-based index; the engine keys its arrays by it. */
  index: number;
  sku: string;
  description: string;
  family: string;
  /** Packaging levels, smallest first. */
  uoms: UomLevel[];
  baseUom: string;
  lotControlled: boolean;
  /** Days from production to expiry, or null when the item is not expiry controlled. */
  shelfLifeDays: number | null;
  serialControlled: boolean;
  temperature: TemperatureClass;
  hazard: HazardClass;
  velocityClass: VelocityClass;
  /** Cost of one base unit, in the site currency. */
  unitCost: number;
  /** Share of order lines for this item; the weights of an item master sum to 1. */
  demandWeight: number;
}
