import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connector } from '@aispm/connectors';

/**
 * The connectors a worker runs, from the environment:
 * - `AISPM_CONNECTORS_MODULE=<path>`: a module exporting `createConnectors(env): Connector[] | Promise<…>`
 *   (tests select the cloud-less test connector this way);
 * - otherwise AWS, with regions from `AISPM_AWS_REGIONS` (comma-separated), an explicit endpoint from
 *   `AISPM_AWS_ENDPOINT` and, when both `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are set, those as static
 *   credentials (else the SDK's own credential chain).
 */
export async function connectorsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Connector[]> {
  const modulePath = env.AISPM_CONNECTORS_MODULE;
  if (modulePath) {
    const url = pathToFileURL(isAbsolute(modulePath) ? modulePath : resolve(modulePath)).href;
    const mod = (await import(url)) as {
      createConnectors?: (e: NodeJS.ProcessEnv) => Connector[] | Promise<Connector[]>;
    };
    if (typeof mod.createConnectors !== 'function') {
      throw new Error(`${modulePath} does not export createConnectors(env)`);
    }
    return mod.createConnectors(env);
  }
  // Imported lazily: the AWS connector loads every AWS SDK client, which a test worker does not need.
  const connectors = (await import('@aispm/connectors')) as {
    createAwsConnector?: (options: {
      regions?: string[];
      endpoint?: string;
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    }) => Connector;
  };
  if (typeof connectors.createAwsConnector !== 'function') {
    throw new Error('@aispm/connectors does not provide createAwsConnector yet');
  }
  const regions = env.AISPM_AWS_REGIONS?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = env;
  return [
    connectors.createAwsConnector({
      ...(regions?.length ? { regions } : {}),
      ...(env.AISPM_AWS_ENDPOINT ? { endpoint: env.AISPM_AWS_ENDPOINT } : {}),
      ...(accessKeyId && secretAccessKey
        ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
        : {}),
    }),
  ];
}
