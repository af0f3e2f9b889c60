import type { ServerResponse } from 'node:http';
import { Rng } from '@aispm/core';
import { type FaultOptions, FaultOptionsSchema } from './options.ts';

export type FaultDecision = 'none' | 'error' | 'throttle' | 'malformed' | 'truncate' | 'reset';

/**
 * Seeded fault dice shared by all three clouds. Each operation has its own dice stream, so the faults one
 * operation sees do not depend on how many calls other operations (possibly concurrent) made before it.
 */
export class FaultInjector {
  readonly options: FaultOptions;
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

  isDenied(operation: string): boolean {
    return matchesOperation(this.options.denied, operation);
  }

  isEndless(operation: string): boolean {
    return matchesOperation(this.options.endlessPagination, operation);
  }

  stats(): Record<FaultDecision, number> {
    const out = { none: 0, error: 0, throttle: 0, malformed: 0, truncate: 0, reset: 0 };
    for (const [k, v] of this.counts) out[k] = v;
    return out;
  }

  /** Waits the configured latency (if any). */
  async delay(): Promise<void> {
    if (this.options.latencyMs > 0) await new Promise((r) => setTimeout(r, this.options.latencyMs));
  }
}

/** `service:Operation` matching, case-insensitive, with `service:*` and `*` wildcards. */
function matchesOperation(patterns: readonly string[], operation: string): boolean {
  const op = operation.toLowerCase();
  return patterns.some((p) => {
    const pattern = p.toLowerCase();
    if (pattern === '*' || pattern === op) return true;
    return pattern.endsWith(':*') && op.startsWith(pattern.slice(0, -1));
  });
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
