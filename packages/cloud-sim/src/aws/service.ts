import type { SimRequest } from '../handler.ts';
import type { AwsProtocol, OpContext } from './protocol.ts';

export interface ResolvedOperation {
  name: string;
  path: Record<string, string>;
}

/** One simulated AWS service: how to find the operation a request is for, and how to answer it. */
export interface AwsService {
  protocol: AwsProtocol;
  /** IAM action prefix used in operation names (`bedrock`, `sagemaker`, `aoss` …). */
  actionPrefix: string;
  resolve(req: SimRequest): ResolvedOperation | undefined;
  /** Returns the response body (already serialised in the protocol's format) or throws an AwsError. */
  handle(name: string, c: OpContext): string | Promise<string>;
}

type Route = { method: string; segments: string[]; name: string };

/** A tiny REST router for `/agents/{agentId}/…` style paths (trailing slashes are not significant). */
export class RestRouter {
  private readonly routes: Route[] = [];

  add(method: string, template: string, name: string): this {
    this.routes.push({ method, segments: split(template), name });
    return this;
  }

  match(method: string, pathname: string): ResolvedOperation | undefined {
    const parts = split(pathname).map((p) => decodeURIComponent(p));
    for (const r of this.routes) {
      if (r.method !== method || r.segments.length !== parts.length) continue;
      const path: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = r.segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith('{')) path[seg.slice(1, -1)] = part;
        else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (ok) return { name: r.name, path };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** For JSON 1.0 / 1.1 services: the operation is the part of `X-Amz-Target` after the dot. */
export function resolveByTarget(req: SimRequest, prefix: string): ResolvedOperation | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(`${prefix}.`)) return undefined;
  return { name: target.slice(prefix.length + 1), path: {} };
}

export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v === null ? undefined : v));
}
