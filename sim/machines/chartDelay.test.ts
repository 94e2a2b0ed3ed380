import { describe, expect, it } from 'vitest';
import { chartAfterEvent, chartDelay } from './chartDelay.ts';
import { compileMachine } from './compileMachine.ts';
import { pickTaskMachine } from './pickTaskMachine.ts';

describe('chart delays', () => {
  it('give the delay and the event of the after transition a state declares for it', () => {
    expect(chartDelay(pickTaskMachine, 'maxFaceWait')).toBe(15 * 60_000);
    const ev = chartAfterEvent(pickTaskMachine, 'waitingStock', 'maxFaceWait');
    const t = compileMachine(pickTaskMachine);
    // The compiled table takes it where the chart does: out of the wait, short-picked.
    const next = t.next[t.state('"waitingStock"') * t.events.length + t.event(ev)]!;
    expect(t.states[next]).toBe('"shortPicked"');
  });

  it('name the machine and the state when the chart declares no such delay', () => {
    expect(() => chartAfterEvent(pickTaskMachine, 'scanned', 'maxFaceWait')).toThrow(
      'pickTask.scanned: no after transition for delay maxFaceWait',
    );
    expect(() => chartDelay(pickTaskMachine, 'nope')).toThrow('pickTask: no fixed delay nope');
  });
});
