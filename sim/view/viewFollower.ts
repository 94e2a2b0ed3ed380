import { applyDelta, applyPositions } from './applyDelta.ts';
import {
  deltaFromWire,
  positionsFromWire,
  snapshotFromWire,
  type DeltaMessage,
  type PositionsMessage,
  type SnapshotMessage,
} from './protocol.ts';
import type { ViewState } from './viewState.ts';

/** What a follower needs after a message: nothing, or a fresh snapshot (after a gap). */
export type FollowResult = 'ok' | 'stale' | 'resync';

/**
 * The client side of the stream: holds the current view, applies deltas in seq order, and says
 * when a gap means a fresh snapshot is needed. Deltas older than the view (replayed after a
 * recovered reconnect, or sent before a snapshot) are skipped as stale.
 */
export class ViewFollower {
  private current: ViewState | null = null;
  private positionsSeq = -1;

  /** The view as of the last message, or null before the first snapshot. */
  get view(): ViewState | null {
    return this.current;
  }

  /** Replaces the view with a snapshot. */
  onSnapshot(raw: SnapshotMessage): FollowResult {
    const msg = snapshotFromWire(raw);
    this.current = msg.view;
    this.positionsSeq = msg.view.seq;
    return 'ok';
  }

  /** Applies a delta; 'resync' when one was missed. */
  onDelta(raw: DeltaMessage): FollowResult {
    const view = this.current;
    if (!view) return 'resync';
    const seq = raw.delta.seq;
    if (seq <= view.seq) return 'stale';
    if (seq !== view.seq + 1) return 'resync';
    this.current = applyDelta(view, deltaFromWire(raw).delta);
    return 'ok';
  }

  /** Applies positions unless newer ones (or a newer snapshot) were already applied. */
  onPositions(raw: PositionsMessage): FollowResult {
    const view = this.current;
    if (!view || raw.seq < this.positionsSeq) return 'stale';
    const msg = positionsFromWire(raw);
    this.positionsSeq = msg.seq;
    this.current = { ...view, workers: applyPositions(view.workers, msg.xy) };
    return 'ok';
  }
}
