import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connector } from '@aispm/connectors';

/**
 * The connectors a worker runs, from the environment:
 * - `AISPM_CONNECTORS_MODULE=<path>`: a module exporting `createConnectors(env): Connector[] | Promise<…>`
 *   (tests select the cloud-less test connector this way);
 * - otherwise AWS, with regions from `AISPM_AWS_REGIONS` (comma-separated) and the SDK's own credential and
 *   endpoint settings.
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
    createAwsConnector?: (options: { regions?: string[] }) => Connector;
  };
  if (typeof connectors.createAwsConnector !== 'function') {
    throw new Error('@aispm/connectors does not provide createAwsConnector yet');
  }
  const regions = env.AISPM_AWS_REGIONS?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  return [connectors.createAwsConnector(regions?.length ? { regions } : {})];
}
