/**
 * Step action ids, unique across flows (a job's steps are saved as data in snapshots, so an
 * action is a number, not a closure). Each flow owns a block of ten.
 */
export const StepAction = {
  pickAtFace: 1,
  tourBack: 2,
  packDone: 3,
  pickArrive: 4,
  receiveUnload: 10,
  receiveLineScan: 11,
  receiveDone: 12,
  putawayPickUp: 20,
  putawayDrop: 21,
  putawayReturn: 22,
  replenPickUp: 30,
  replenDrop: 31,
  countAtBin: 40,
  countSubmit: 41,
  countReview: 42,
} as const;
