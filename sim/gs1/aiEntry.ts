/** Character sets of the Syntax Dictionary: N digits, X CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type Charset = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's data field, e.g. `N13,csum` or the optional `[X..17]`. */
export interface AiComponent {
  /** Character set the component must be drawn from. */
  readonly cset: Charset;
  /** Fewest characters; a `..` spec without a lower bound means 1. */
  readonly min: number;
  /** Most characters. */
  readonly max: number;
  /** Bracketed in the dictionary: may be left out once the data is exhausted. */
  readonly optional?: boolean;
  /** Linter names applied in order after the character-set check, e.g. `csum`, `yymmd0`. */
  readonly linters?: readonly string[];
}

/**
 * One AI as the GS1 Barcode Syntax Dictionary defines it. Ranges such as `3100-3105` are
 * expanded so that every AI has its own entry.
 */
export interface AiEntry {
  /** The Application Identifier, 2 to 4 digits. */
  readonly ai: string;
  /** Dictionary flags: `*` predefined length (no FNC1 needed after it), `?` DL data attribute. */
  readonly flags: string;
  /** Data field components, consumed left to right. */
  readonly components: readonly AiComponent[];
  /**
   * `req=` attributes: every attribute must be satisfied by one of its alternatives, and an
   * alternative such as `01+21` needs all of its AI patterns (`n` = any digit) present.
   */
  readonly req?: readonly (readonly (readonly string[])[])[];
  /** `ex=` patterns that must not appear with this AI (an AI never excludes itself). */
  readonly ex?: readonly string[];
  /** `dlpkey`: the AI is a Digital Link primary key; each list is one allowed qualifier sequence. */
  readonly dlpkey?: readonly (readonly string[])[];
  /** Short title from the dictionary, e.g. `BATCH/LOT`. */
  readonly title: string;
  /** Not in the dictionary: stands in for an unknown AI when the caller permits those. */
  readonly vivified?: boolean;
}
