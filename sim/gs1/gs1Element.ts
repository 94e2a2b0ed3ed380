/** One AI and its value as read from a barcode, with the dictionary title for display. */
export interface Gs1Element {
  /** Application Identifier, e.g. `01`. */
  readonly ai: string;
  /** The value exactly as encoded (no FNC1/GS). */
  readonly value: string;
  /** Dictionary title, e.g. `GTIN`; `UNKNOWN` for permitted unknown AIs. */
  readonly title: string;
}
