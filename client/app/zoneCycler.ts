/**
 * Cycles a wall screen's camera through zones: the whole site first, then each zone for
 * `everyMs`, round and round. One interval timer; `stop` clears it.
 */
export class ZoneCycler {
  private i = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly zones: readonly string[],
    everyMs: number,
    private readonly show: (zone: string | null) => void,
  ) {
    show(null);
    this.timer = setInterval(() => this.next(), everyMs);
  }

  /** The stop after the current one: site, zone 1, zone 2, …, site. */
  next(): void {
    const stops = [null, ...this.zones];
    this.i = (this.i + 1) % stops.length;
    this.show(stops[this.i] ?? null);
  }

  /** Stops cycling. */
  stop(): void {
    clearInterval(this.timer);
  }
}
