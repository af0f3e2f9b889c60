import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A cloud's request handler: returns nothing, writes the response. Throwing = 500 in the protocol-neutral form. */
export type CloudHandler = (req: SimRequest, res: ServerResponse) => Promise<void>;

/** What every cloud's handler factory receives besides its part of the estate. */
export interface CloudContext {
  faults: import('./faults.ts').FaultInjector;
  limiter: import('./rate-limit.ts').RateLimiter;
  /** The listener's own base URL, e.g. `https://127.0.0.1:4567` (for next-links and self references). */
  baseUrl: string;
}
