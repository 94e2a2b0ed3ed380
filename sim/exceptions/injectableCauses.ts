import {
  causeOf,
  EXCEPTION_KINDS,
  isSpontaneous,
  type ExceptionCause,
  type ExceptionKind,
} from './exceptionSchema.ts';

/** A parameter an injection takes (sent beside the cause in `control.inject`). */
export interface InjectParam {
  name: 'bin';
  optional: boolean;
  description: string;
}

/** One cause a trainer can inject, as the menu shows it. */
export interface InjectableCause {
  /** The name `control.inject` takes and the truth log writes. */
  cause: ExceptionCause;
  label: string;
  description: string;
  /** 'now': happens at once; 'next-chance': armed, happens at the next transaction where it can. */
  timing: 'now' | 'next-chance';
  params: InjectParam[];
}

/**
 * Menu wording per cause. Keyed by the cause type derived from the schema, so a kind added to
 * the schema without wording here (or wording for a kind that is gone) does not compile.
 */
const WORDING: Record<ExceptionCause, { label: string; description: string }> = {
  unscannedMove: {
    label: 'Unscanned move',
    description: 'Stock moved a few bays along the aisle without a scan.',
  },
  uomError: {
    label: 'UoM error',
    description: 'At the next pick of a cased item a case is keyed as an each (or the reverse).',
  },
  wrongLot: {
    label: 'Wrong lot',
    description: 'At the next pick of a lot-controlled item with another lot at the face, that lot is taken.',
  },
  shortReceipt: {
    label: 'Short receipt',
    description: 'The next receipt line arrives short but is posted as the ASN says.',
  },
  overReceipt: {
    label: 'Over receipt',
    description: 'The next receipt line arrives over but is posted as the ASN says.',
  },
  damagedLeftAvailable: {
    label: 'Damaged left available',
    description: 'At the next putaway some units are damaged but stored as available.',
  },
  misPutaway: {
    label: 'Mis-putaway',
    description: 'The next putaway pallet is placed in a neighbouring bin, not the one confirmed.',
  },
  emergencyReservePick: {
    label: 'Emergency reserve pick',
    description: 'At the next short pick face the picker takes the rest from reserve without a transaction.',
  },
  substitution: {
    label: 'Substitution',
    description: 'At the next short pick face a similar item of the same family is shipped instead.',
  },
  returnRestockedUninspected: {
    label: 'Return restocked uninspected',
    description:
      'The next customer return received is put back on its pick face as saleable before inspection, unrecorded.',
  },
  shrink: {
    label: 'Shrink',
    description: 'Units vanish from a pick face (theft, breakage thrown away).',
  },
  transferOverLoad: {
    label: 'Transfer over-load',
    description: 'At the next transfer shipped, a case more is loaded than the transfer books.',
  },
  transitLoss: {
    label: 'Lost in transit',
    description: 'At the next transfer shipped, some units are lost on the way.',
  },
  transitDamage: {
    label: 'Damaged in transit',
    description: 'At the next transfer shipped, some units arrive damaged.',
  },
  transferReceiptLate: {
    label: 'Transfer receipt late',
    description:
      'The next transfer receipt is posted late or only partly: for a while both sites, or neither, show the stock.',
  },
};

const BIN_PARAM: InjectParam = {
  name: 'bin',
  optional: true,
  description: 'Bin code where it happens; a random storage bin when absent.',
};

function injectable(kind: ExceptionKind): InjectableCause {
  const cause = causeOf(kind);
  const now = isSpontaneous(kind);
  return {
    cause,
    ...WORDING[cause],
    timing: now ? 'now' : 'next-chance',
    params: now ? [{ ...BIN_PARAM }] : [],
  };
}

/** Every cause a trainer can inject, in schema order: the one list the menu is built from. */
// Transfer exceptions happen only between the sites of a network run, which the live server
// (one site) does not run: a trainer could arm them but never see them happen.
const NETWORK_ONLY: readonly ExceptionKind[] = [
  'transferOverLoad',
  'transitLoss',
  'transitDamage',
  'transferReceiptLate',
];

export const INJECTABLE_CAUSES: readonly InjectableCause[] = EXCEPTION_KINDS.filter(
  (k) => !NETWORK_ONLY.includes(k),
).map(injectable);
