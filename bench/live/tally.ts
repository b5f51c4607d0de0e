// What one measured window of the live bench counts: deliveries, post-to-delivery latency,
// and which events each simulated client received (to find the lost and the duplicated).

/** Latencies are kept in tenths of a millisecond, up to a minute; slower ones share the last bucket. */
const BUCKETS = 600_001;

/**
 * Counts one window. Every client has a bit per event number after `lo`, set when the event
 * arrives: a bit already set is a duplicate, a bit never set (for an event everyone should get)
 * is a loss. The per-delivery work is a few array operations, so that ten thousand clients in
 * one process measure the server rather than the bookkeeping.
 */
export class Tally {
  /** One histogram per group of clients (client % groups: the server process they use). */
  private readonly hists: Uint32Array[];
  private readonly bits: Uint8Array;
  private readonly bytesPerClient: number;
  private samples = 0;
  private slowest = 0;
  /** Event frames received between `windowStart` and `windowEnd` (performance.now() times). */
  deliveries = 0;
  duplicated = 0;
  /** Deliveries of events numbered beyond the capacity: counted, but not checked for duplicates. */
  untracked = 0;
  windowStart = Infinity;
  windowEnd = Infinity;
  /** Deliveries whose send time is learned later (votes: from the POST's answer). */
  private pendingSeqs: number[] = [];
  private pendingTimes: number[] = [];
  private pendingClients: number[] = [];

  constructor(
    readonly clients: number,
    /** The last event before the window: later ones count. */
    readonly lo: number,
    private readonly capacity: number,
    private readonly groups = 1,
  ) {
    this.bytesPerClient = Math.ceil(capacity / 8);
    this.bits = new Uint8Array(clients * this.bytesPerClient);
    this.hists = Array.from({ length: groups }, () => new Uint32Array(BUCKETS));
  }

  /** Event `seq` reached `client` at `now`; answers false for a duplicate (or an old event). */
  deliver(client: number, seq: number, now: number): boolean {
    if (seq <= this.lo) return false;
    const offset = seq - this.lo - 1;
    if (offset >= this.capacity) {
      this.untracked++;
    } else {
      const byte = client * this.bytesPerClient + (offset >> 3);
      const bit = 1 << (offset & 7);
      if ((this.bits[byte]! & bit) !== 0) {
        this.duplicated++;
        return false;
      }
      this.bits[byte]! |= bit;
    }
    if (now >= this.windowStart && now <= this.windowEnd) this.deliveries++;
    return true;
  }

  /** One post-to-delivery latency of `client`, in milliseconds. */
  latency(client: number, ms: number): void {
    const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.round(ms * 10)));
    this.hists[client % this.groups]![bucket]!++;
    this.samples++;
    if (ms > this.slowest) this.slowest = ms;
  }

  /** A delivery of event `seq` whose send time is not known yet. */
  later(client: number, seq: number, now: number): void {
    this.pendingSeqs.push(seq);
    this.pendingTimes.push(now);
    this.pendingClients.push(client);
  }

  /** Times the deliveries held by `later` with the send times learned since. */
  settle(sentAt: Map<number, number>): void {
    this.pendingSeqs.forEach((seq, i) => {
      const sent = sentAt.get(seq);
      if (sent !== undefined) this.latency(this.pendingClients[i]!, this.pendingTimes[i]! - sent);
    });
    this.pendingSeqs = [];
    this.pendingTimes = [];
    this.pendingClients = [];
  }

  /** Events in `expected` (numbers after `lo`) that clients never received, summed over clients. */
  lost(expected: number[]): number {
    let lost = 0;
    for (const seq of expected) {
      const offset = seq - this.lo - 1;
      if (offset < 0) continue;
      if (offset >= this.capacity)
        throw new Error(`Event ${seq} is beyond what the tally tracks; raise its capacity.`);
      const bit = 1 << (offset & 7);
      for (let client = 0; client < this.clients; client++)
        if ((this.bits[client * this.bytesPerClient + (offset >> 3)]! & bit) === 0) lost++;
    }
    return lost;
  }

  /**
   * The latency below which `fraction` of the samples fall, in milliseconds (null without any):
   * over every client, or over one group's.
   */
  percentile(fraction: number, group?: number): number | null {
    const hists = group === undefined ? this.hists : [this.hists[group]!];
    const samples = hists.reduce((sum, hist) => sum + hist.reduce((a, b) => a + b, 0), 0);
    if (samples === 0) return null;
    const rank = Math.ceil(fraction * samples);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      for (const hist of hists) seen += hist[bucket]!;
      if (seen >= rank) return bucket / 10;
    }
    return this.slowest;
  }

  get latencySamples(): number {
    return this.samples;
  }

  get maxMs(): number | null {
    return this.samples === 0 ? null : Math.round(this.slowest * 10) / 10;
  }
}
