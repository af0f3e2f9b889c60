import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Rng } from '@aispm/core';
import { UserRefreshClient } from 'google-auth-library';
import { generateGcpEstate } from '../src/estate/gcp/index.ts';
import { FaultInjector } from '../src/faults.ts';
import { createGcpHandler } from '../src/gcp/index.ts';
import { type FaultOptions, type Scale, scaleParams } from '../src/options.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import { handlerListener } from './handler-listener.ts';

/** Starts only the GCP half on an ephemeral HTTP port, with its own faults and limiter. */
export async function startGcp(
  opts: { seed?: number; scale?: Scale; faults?: Partial<FaultOptions>; limiter?: RateLimiter } = {},
) {
  const { state, truth } = generateGcpEstate(
    new Rng(opts.seed ?? 11).fork('gcp'),
    scaleParams(opts.scale ?? 'small'),
  );
  const faults = new FaultInjector(opts.faults ?? {});
  let baseUrl = '';
  const handler = createGcpHandler(state, {
    faults,
    limiter: opts.limiter ?? new RateLimiter(false),
    get baseUrl() {
      return baseUrl;
    },
  });
  const paths: string[] = [];
  const server = createServer(handlerListener(handler, () => baseUrl, paths));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  // A refresh-token client whose token URL is the simulator's: no default credential chain, no metadata probes.
  const authClient = new UserRefreshClient({
    clientId: state.oauthClient.clientId,
    clientSecret: state.oauthClient.clientSecret,
    refreshToken: state.oauthClient.refreshToken,
    endpoints: { oauth2TokenUrl: `${baseUrl}/token` },
  });
  // google-gax 5 (aiplatform 6, resource-manager 6) needs google-auth-library 10 (its auth client must have
  // `fetch`); it builds one itself from explicit authorized-user credentials and `clientOptions.endpoints`.
  const gaxOptions = {
    apiEndpoint: '127.0.0.1',
    port,
    protocol: 'http',
    fallback: true as const,
    credentials: {
      type: 'authorized_user',
      client_id: state.oauthClient.clientId,
      client_secret: state.oauthClient.clientSecret,
      refresh_token: state.oauthClient.refreshToken,
    },
    clientOptions: { endpoints: { oauth2TokenUrl: `${baseUrl}/token` } },
  };
  return {
    state,
    truth,
    baseUrl,
    port,
    faults,
    paths,
    authClient,
    gaxOptions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
