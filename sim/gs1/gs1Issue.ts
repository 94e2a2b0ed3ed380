/** Problems found outside the linters: framing, lengths, unknown AIs, pairing rules, URIs, labels. */
export type Gs1ErrorCode =
  | 'NO_DATA'
  | 'MISSING_SYMBOLOGY_ID'
  | 'UNSUPPORTED_SYMBOLOGY_ID'
  | 'NOT_RECOGNISED'
  | 'MISSING_FNC1_IN_FIRST'
  | 'EMPTY_DATA'
  | 'BRACKETED_SYNTAX'
  | 'UNKNOWN_AI'
  | 'EMPTY_VALUE'
  | 'VALUE_TOO_SHORT'
  | 'VALUE_TOO_LONG'
  | 'ILLEGAL_CARET'
  | 'SUSPECTED_MISSING_SEPARATOR'
  | 'PRIMARY_WRONG_LENGTH'
  | 'PRIMARY_NOT_NUMERIC'
  | 'PRIMARY_CHECK_DIGIT'
  | 'DUPLICATE_AI'
  | 'REQUIRED_AI_MISSING'
  | 'INVALID_AI_PAIR'
  | 'URI_ILLEGAL_CHARACTERS'
  | 'URI_ILLEGAL_SCHEME'
  | 'URI_MISSING_DOMAIN_OR_PATH'
  | 'DOMAIN_ILLEGAL_CHARACTERS'
  | 'DL_NO_PRIMARY_KEY'
  | 'DL_EMPTY_VALUE'
  | 'DL_ILLEGAL_NULL'
  | 'DL_UNKNOWN_QUERY_AI'
  | 'DL_INVALID_KEY_QUALIFIER_SEQUENCE'
  | 'DL_NOT_A_DATA_ATTRIBUTE'
  | 'DL_AI_BELONGS_IN_PATH'
  | 'DL_NO_PRIMARY_KEY_TO_BUILD'
  | 'LOCATION_CHECK_MISMATCH';

/**
 * A linter failure, named as the GS1 reference linters name them without the `GS1_LINTER_`
 * prefix (`INCORRECT_CHECK_DIGIT`, `ILLEGAL_MONTH`, ...), so results compare with theirs.
 */
export type LintCode = string;

/** One problem with a scan: machine-readable code, human message, where and which AI. */
export interface Gs1Issue {
  /** What went wrong. */
  readonly code: Gs1ErrorCode | LintCode;
  /** A sentence for the operator or the log. */
  readonly message: string;
  /** Character offset into the string given to the parser, when it can be pinned down. */
  readonly position?: number;
  /** The AI concerned, when there is one. */
  readonly ai?: string;
  /** The linter that failed, for linter codes (`csum`, `yymmd0`, ...). */
  readonly linter?: string;
}

/** Build an issue, leaving out the optional fields that are not known. */
export function gs1Issue(
  code: Gs1ErrorCode | LintCode,
  message: string,
  extra: { position?: number; ai?: string; linter?: string } = {},
): Gs1Issue {
  return { code, message, ...extra };
}
