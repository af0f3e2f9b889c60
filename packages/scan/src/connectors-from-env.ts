import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connector } from '@aispm/connectors';

const CLOUDS = ['aws', 'azure', 'gcp'] as const;

function list(value: string | undefined): string[] {
  return (
    value
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? []
  );
}

/**
 * The connectors a worker runs, from the environment:
 * - `AISPM_CONNECTORS_MODULE=<path>`: a module exporting `createConnectors(env): Connector[] | Promise<…>`
 *   (tests select the cloud-less test connector this way);
 * - otherwise the clouds in `AISPM_CLOUDS` (default `aws`; e.g. `aws,azure,gcp`):
 *   - AWS: regions `AISPM_AWS_REGIONS`, endpoint `AISPM_AWS_ENDPOINT` (or the SDK's own `AWS_ENDPOINT_URL`),
 *     role `AISPM_AWS_ROLE_NAME` / `AISPM_AWS_EXTERNAL_ID`, static keys from `AWS_ACCESS_KEY_ID` +
 *     `AWS_SECRET_ACCESS_KEY` when both are set, else the SDK's credential chain;
 *   - Azure: `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET` (else DefaultAzureCredential),
 *     `AISPM_AZURE_ARM_ENDPOINT`, `AISPM_AZURE_AUTHORITY_HOST`, `AISPM_AZURE_CA_CERT_PATH`, `AISPM_AZURE_SUBSCRIPTIONS`;
 *   - GCP: `AISPM_GCP_API_ENDPOINT`, `AISPM_GCP_CREDENTIALS_FILE` (else Application Default Credentials),
 *     `AISPM_GCP_ORGANIZATION_ID`, `AISPM_GCP_PROJECTS`, `AISPM_GCP_LOCATIONS`.
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
  const clouds = list(env.AISPM_CLOUDS ?? 'aws');
  const unknown = clouds.filter((c) => !(CLOUDS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new Error(`AISPM_CLOUDS: unknown cloud(s) ${unknown.join(', ')} (expected ${CLOUDS.join(', ')})`);
  }
  // Imported lazily: the connectors load their cloud SDKs, which a test worker does not need.
  const connectors = await import('@aispm/connectors');
  const out: Connector[] = [];
  if (clouds.includes('aws')) {
    const regions = list(env.AISPM_AWS_REGIONS);
    const {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_SESSION_TOKEN: sessionToken,
    } = env;
    out.push(
      connectors.createAwsConnector({
        ...(regions.length ? { regions } : {}),
        ...(env.AISPM_AWS_ENDPOINT ? { endpoint: env.AISPM_AWS_ENDPOINT } : {}),
        ...(env.AISPM_AWS_ROLE_NAME ? { assumeRoleName: env.AISPM_AWS_ROLE_NAME } : {}),
        ...(env.AISPM_AWS_EXTERNAL_ID ? { externalId: env.AISPM_AWS_EXTERNAL_ID } : {}),
        ...(accessKeyId && secretAccessKey
          ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
          : {}),
      }),
    );
  }
  if (clouds.includes('azure')) {
    const { AZURE_TENANT_ID: tenantId, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: clientSecret } = env;
    const subscriptions = list(env.AISPM_AZURE_SUBSCRIPTIONS);
    out.push(
      connectors.createAzureConnector({
        ...(env.AISPM_AZURE_ARM_ENDPOINT ? { armEndpoint: env.AISPM_AZURE_ARM_ENDPOINT } : {}),
        ...(env.AISPM_AZURE_AUTHORITY_HOST ? { authorityHost: env.AISPM_AZURE_AUTHORITY_HOST } : {}),
        ...(tenantId && clientId && clientSecret
          ? { clientCredentials: { tenantId, clientId, clientSecret } }
          : {}),
        ...(env.AISPM_AZURE_CA_CERT_PATH
          ? { tlsCa: readFileSync(env.AISPM_AZURE_CA_CERT_PATH, 'utf8') }
          : {}),
        ...(subscriptions.length ? { subscriptions } : {}),
      }),
    );
  }
  if (clouds.includes('gcp')) {
    const projects = list(env.AISPM_GCP_PROJECTS);
    const locations = list(env.AISPM_GCP_LOCATIONS);
    out.push(
      connectors.createGcpConnector({
        ...(env.AISPM_GCP_API_ENDPOINT ? { apiEndpoint: env.AISPM_GCP_API_ENDPOINT } : {}),
        ...(env.AISPM_GCP_CREDENTIALS_FILE ? { credentialsFile: env.AISPM_GCP_CREDENTIALS_FILE } : {}),
        ...(env.AISPM_GCP_ORGANIZATION_ID ? { organizationId: env.AISPM_GCP_ORGANIZATION_ID } : {}),
        ...(projects.length ? { projects } : {}),
        ...(locations.length ? { locations } : {}),
      }),
    );
  }
  return out;
}
