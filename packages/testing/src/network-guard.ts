/**
 * Loaded by every test process (vitest setupFiles): any connection or DNS lookup to a non-loopback
 * address fails loudly, so no test can reach a real cloud, a metadata service or the internet.
 */
import dns from 'node:dns';
import net from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '') return true; // Node defaults an empty host to localhost
  const h = host.toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (h.startsWith('::ffff:127.')) return true;
  return false;
}

export class NetworkGuardError extends Error {
  override name = 'NetworkGuardError';
}

function refuse(what: string, host: string): never {
  throw new NetworkGuardError(`network guard: ${what} to non-loopback address "${host}" refused in tests`);
}

const guarded = Symbol.for('aispm.networkGuard');
const g = globalThis as Record<symbol, unknown>;
if (!g[guarded]) {
  g[guarded] = true;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    // net.connect() hands Socket#connect its already-normalised [options, callback] array.
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    let host: string | undefined;
    let path: string | undefined;
    if (first && typeof first === 'object' && !Array.isArray(first)) {
      const opts = first as { host?: string; path?: string };
      host = opts.host;
      path = opts.path;
    } else if (typeof first === 'string' && Number.isNaN(Number(first))) {
      path = first; // a unix socket path
    } else if (typeof args[1] === 'string') {
      host = args[1];
    }
    if (path === undefined && !isLoopback(host)) refuse('connection', String(host));
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  const originalLookup = dns.lookup;
  const guardedLookup = (hostname: string, ...rest: unknown[]) => {
    if (!isLoopback(hostname)) refuse('DNS lookup', hostname);
    return (originalLookup as (...a: unknown[]) => void)(hostname, ...rest);
  };
  (dns as { lookup: unknown }).lookup = guardedLookup;
  const originalPromiseLookup = dns.promises.lookup;
  (dns.promises as { lookup: unknown }).lookup = (hostname: string, ...rest: unknown[]) => {
    if (!isLoopback(hostname))
      return Promise.reject(
        new NetworkGuardError(`network guard: DNS lookup of "${hostname}" refused in tests`),
      );
    return (originalPromiseLookup as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest);
  };
  for (const fn of ['resolve', 'resolve4', 'resolve6', 'resolveAny'] as const) {
    const original = dns[fn] as (...a: unknown[]) => unknown;
    (dns as Record<string, unknown>)[fn] = (hostname: string, ...rest: unknown[]) => {
      if (!isLoopback(hostname)) refuse('DNS lookup', hostname);
      return original(hostname, ...rest);
    };
  }
}
