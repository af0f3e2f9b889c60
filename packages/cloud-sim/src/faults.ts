import type { ServerResponse } from 'node:http';
import { Rng } from '@aispm/core';
import { type FaultOptions, FaultOptionsSchema } from './options.ts';

/** How an answer is sent; `stall-body` comes only from a placed `stalledMidBody` rule, never from the dice. */
export type FaultDecision = 'none' | 'error' | 'throttle' | 'malformed' | 'truncate' | 'reset' | 'stall-body';

/**
 * Seeded fault dice shared by all three clouds. Each operation has its own dice stream, so the faults one
 * operation sees do not depend on how many calls other operations (possibly concurrent) made before it.
 */
export class FaultInjector {
  options: FaultOptions;
  private readonly streams = new Map<string, Rng>();
  private readonly counts = new Map<FaultDecision, number>();

  constructor(opts: Partial<FaultOptions> = {}) {
    this.options = FaultOptionsSchema.parse(opts);
  }

  get latencyMs(): number {
    return this.options.latencyMs;
  }

  /** Whether any dice are loaded; lets handlers skip the work when the run is fault-free. */
  get active(): boolean {
    const o = this.options;
    return o.errorRate + o.throttleRate + o.malformedRate + o.truncateRate + o.resetRate > 0;
  }

  decide(operation: string): FaultDecision {
    if (!this.active) return 'none';
    let rng = this.streams.get(operation);
    if (!rng) {
      rng = new Rng(this.options.seed).fork(operation);
      this.streams.set(operation, rng);
    }
    const roll = rng.next();
    const o = this.options;
    let edge = 0;
    const table: [FaultDecision, number][] = [
      ['reset', o.resetRate],
      ['error', o.errorRate],
      ['throttle', o.throttleRate],
      ['malformed', o.malformedRate],
      ['truncate', o.truncateRate],
    ];
    for (const [decision, rate] of table) {
      edge += rate;
      if (roll < edge) {
        this.counts.set(decision, (this.counts.get(decision) ?? 0) + 1);
        return decision;
      }
    }
    return 'none';
  }

  /**
   * Replaces the placed faults (denied / not-enabled rules) of a running simulator, so one simulator serves a
   * test that denies one operation after another.
   */
  place(faults: {
    denied?: readonly string[];
    notEnabled?: readonly string[];
    stalled?: readonly string[];
    stalledMidBody?: readonly string[];
  }): void {
    this.options = FaultOptionsSchema.parse({
      ...this.options,
      denied: [...(faults.denied ?? [])],
      notEnabled: [...(faults.notEnabled ?? [])],
      stalled: [...(faults.stalled ?? [])],
      stalledMidBody: [...(faults.stalledMidBody ?? [])],
    });
  }

  /**
   * Whether the call never gets an answer: the request is read and the connection held open, silent, as a hung
   * load balancer or a wedged regional endpoint does. Only a client-side deadline ends such a call.
   */
  isStalled(operation: string, scope: FaultScope = {}): boolean {
    return this.options.stalled.some((rule) => matchesRule(rule, operation, scope));
  }

  /**
   * The decision for a successful answer's body: `stall-body` where a `stalledMidBody` rule matches (headers and
   * half the body sent, then silence on an open connection: a proxy wedged mid-response, which a first-byte
   * deadline does not catch), the dice's decision otherwise.
   */
  bodyFault(operation: string, scope: FaultScope, decision: FaultDecision): FaultDecision {
    return this.options.stalledMidBody.some((rule) => matchesRule(rule, operation, scope))
      ? 'stall-body'
      : decision;
  }

  /** Whether the call is denied (AccessDenied / 403) for this account and region. */
  isDenied(operation: string, scope: FaultScope = {}): boolean {
    return this.options.denied.some((rule) => matchesRule(rule, operation, scope));
  }

  /** Whether the operation is answered as unknown / not enabled for this account and region. */
  isNotEnabled(operation: string, scope: FaultScope = {}): boolean {
    return this.options.notEnabled.some((rule) => matchesRule(rule, operation, scope));
  }

  isEndless(operation: string): boolean {
    return this.options.endlessPagination.some((rule) => matchesRule(rule, operation, {}));
  }

  stats(): Record<FaultDecision, number> {
    const out = { none: 0, error: 0, throttle: 0, malformed: 0, truncate: 0, reset: 0, 'stall-body': 0 };
    for (const [k, v] of this.counts) out[k] = v;
    return out;
  }

  /** Waits the configured latency (if any). */
  async delay(): Promise<void> {
    if (this.options.latencyMs > 0) await new Promise((r) => setTimeout(r, this.options.latencyMs));
  }
}

/** Where a call lands: the account (AWS account, Azure subscription, GCP project) and region / location. */
export interface FaultScope {
  account?: string | undefined;
  region?: string | undefined;
}

/**
 * A fault rule `service:Operation[@account[/region]]`: the operation part matches case-insensitively with
 * `service:*` and `*` wildcards; account and region (each may be `*`) narrow it to one place, as an SCP or a
 * region without the service would. A rule with a scope never matches a call whose scope is not known.
 */
export function matchesRule(rule: string, operation: string, scope: FaultScope): boolean {
  const [opPattern = '', where] = rule.split('@');
  const pattern = opPattern.toLowerCase();
  const op = operation.toLowerCase();
  const opMatches =
    pattern === '*' || pattern === op || (pattern.endsWith(':*') && op.startsWith(pattern.slice(0, -1)));
  if (!opMatches) return false;
  if (where === undefined) return true;
  const [account = '*', region = '*'] = where.split('/');
  const same = (want: string, got: string | undefined) =>
    want === '*' || (got !== undefined && want.toLowerCase() === got.toLowerCase());
  return same(account, scope.account) && same(region, scope.region);
}

/**
 * Writes a finished response body, damaged as the decision says: `malformed` sends syntactically broken
 * content, `truncate` promises more bytes than it sends, `reset` drops the connection without an answer.
 * Any other decision sends the body intact.
 */
export function sendWithFault(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  decision: FaultDecision,
): void {
  if (decision === 'reset') {
    resetConnection(res);
    return;
  }
  let bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (decision === 'malformed') bytes = malform(bytes);
  if (decision === 'truncate') {
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    // Closing the socket with bytes still owed makes the client see a premature end of the body.
    setImmediate(() => res.socket?.destroy());
    return;
  }
  if (decision === 'stall-body') {
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    // Half the body, then nothing: the connection stays open until the client gives up.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
  res.end(bytes);
}

export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && 'resetAndDestroy' in socket && typeof socket.resetAndDestroy === 'function')
    socket.resetAndDestroy();
  else socket?.destroy();
}

/** Breaks JSON / XML so a parser must fail: cut the document and append an unbalanced fragment. */
export function malform(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const cut = text.slice(0, Math.max(1, Math.floor(text.length * 0.6)));
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) return Buffer.from(`${cut}<<</broken`);
  return Buffer.from(`${cut}{"\u0000:`);
}
