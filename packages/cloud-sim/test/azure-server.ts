import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Rng } from '@aispm/core';
import { ClientSecretCredential } from '@azure/identity';
import { createAzureHandler } from '../src/azure/index.ts';
import { generateAzureEstate } from '../src/estate/azure/index.ts';
import { FaultInjector } from '../src/faults.ts';
import { type FaultOptions, type Scale, scaleParams } from '../src/options.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import { createSelfSignedCert } from '../src/tls.ts';
import { handlerListener } from './handler-listener.ts';

/** Starts only the Azure half on an ephemeral HTTPS port, with its own faults and limiter. */
export async function startAzure(
  opts: { seed?: number; scale?: Scale; faults?: Partial<FaultOptions>; limiter?: RateLimiter } = {},
) {
  const { state, truth } = generateAzureEstate(
    new Rng(opts.seed ?? 11).fork('azure'),
    scaleParams(opts.scale ?? 'small'),
  );
  const { cert, key } = await createSelfSignedCert();
  const faults = new FaultInjector(opts.faults ?? {});
  let baseUrl = '';
  const handler = createAzureHandler(state, {
    faults,
    limiter: opts.limiter ?? new RateLimiter(false),
    get baseUrl() {
      return baseUrl;
    },
  });
  const paths: string[] = [];
  const server = createServer(
    { cert, key },
    handlerListener(handler, () => baseUrl, paths),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Node reads NODE_EXTRA_CA_CERTS only at start, so the CA goes to each client explicitly.
  const tlsOptions = { ca: cert };
  const credential = new ClientSecretCredential(state.tenantId, state.clientId, state.clientSecret, {
    authorityHost: baseUrl,
    disableInstanceDiscovery: true,
    tlsOptions,
  });
  const clientOptions = { endpoint: baseUrl, credentialScopes: [`${baseUrl}/.default`], tlsOptions };
  return {
    state,
    truth,
    cert,
    baseUrl,
    faults,
    paths,
    credential,
    clientOptions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
