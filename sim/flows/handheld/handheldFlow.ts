import { handheld } from './handheldState.ts';
import { personPickArrive } from './pickByPerson.ts';
import { personLineScan } from './receiveByPerson.ts';

/**
 * The handheld flow's handlers: for a worker a person drives, the picker's arrival at the face
 * and the receiver's line scan wait for the person's entries instead of drawing outcomes
 * (everything else, travel included, is simulated as for anyone).
 */
export const handheldFlow = handheld.flow({
  personActions: {
    'picking.pickArrive': personPickArrive,
    'inbound.receiveLineScan': personLineScan,
  },
});
