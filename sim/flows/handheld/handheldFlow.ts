import { handheld } from './handheldState.ts';
import { personPickArrive } from './pickByPerson.ts';
import { personLineScan } from './receiveByPerson.ts';
import { personPutawayDrop, personPutawayPickUp } from './putawayByPerson.ts';
import { personReplenDrop, personReplenPickUp } from './replenishByPerson.ts';
import { personCountAtBin } from './countByPerson.ts';

/**
 * The handheld flow's handlers: for a worker a person drives, the picker's arrival at the face,
 * the receiver's line scan, the putaway driver at staging and at the bin, the replenisher at
 * reserve and at the face, and the counter at the bin wait for the person's entries instead of
 * drawing outcomes
 * (everything else, travel included, is simulated as for anyone).
 */
export const handheldFlow = handheld.flow({
  personActions: {
    'picking.pickArrive': personPickArrive,
    'inbound.receiveLineScan': personLineScan,
    'inbound.putawayPickUp': personPutawayPickUp,
    'inbound.putawayDrop': personPutawayDrop,
    'replenishment.replenPickUp': personReplenPickUp,
    'replenishment.replenDrop': personReplenDrop,
    'counting.countAtBin': personCountAtBin,
  },
});
