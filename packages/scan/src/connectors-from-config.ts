import { readFileSync } from 'node:fs';
import type { Connector } from '@aispm/connectors';
import type { AispmConfig } from '@aispm/core';

/**
 * The connectors a worker runs, from the configuration (`loadConfig`): the clouds in `AISPM_CLOUDS` (default `aws`;
 * e.g. `aws,azure,gcp`). Tests pass their own connectors to `runWorker` / `createScanService` instead.
 *   - AWS: regions `AISPM_AWS_REGIONS`, endpoint `AISPM_AWS_ENDPOINT` (or the SDK's own `AWS_ENDPOINT_URL`),
 *     role `AISPM_AWS_ROLE_NAME` / `AISPM_AWS_EXTERNAL_ID`, static keys from `AWS_ACCESS_KEY_ID` +
 *     `AWS_SECRET_ACCESS_KEY` when both are set, else the SDK's credential chain;
 *   - Azure: `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET` (else DefaultAzureCredential),
 *     `AISPM_AZURE_ARM_ENDPOINT`, `AISPM_AZURE_AUTHORITY_HOST`, `AISPM_AZURE_CA_CERT_PATH`, `AISPM_AZURE_SUBSCRIPTIONS`;
 *   - GCP: `AISPM_GCP_API_ENDPOINT`, `AISPM_GCP_CREDENTIALS_FILE` (else Application Default Credentials),
 *     `AISPM_GCP_ORGANIZATION_ID`, `AISPM_GCP_PROJECTS`, `AISPM_GCP_LOCATIONS`.
 */
export async function connectorsFromConfig(config: Partial<AispmConfig>): Promise<Connector[]> {
  const clouds = config.AISPM_CLOUDS ?? ['aws'];
  // Imported lazily: the connectors load the cloud SDKs, which a process handed its connectors (tests) never needs.
  const connectors = await import('@aispm/connectors');
  const out: Connector[] = [];
  if (clouds.includes('aws')) {
    const regions = config.AISPM_AWS_REGIONS ?? [];
    const {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_SESSION_TOKEN: sessionToken,
    } = config;
    out.push(
      connectors.createAwsConnector(
        {
          ...(regions.length ? { regions } : {}),
          ...(config.AISPM_AWS_ENDPOINT ? { endpoint: config.AISPM_AWS_ENDPOINT } : {}),
          ...(config.AISPM_AWS_ROLE_NAME ? { assumeRoleName: config.AISPM_AWS_ROLE_NAME } : {}),
          ...(config.AISPM_AWS_EXTERNAL_ID ? { externalId: config.AISPM_AWS_EXTERNAL_ID } : {}),
          ...(accessKeyId && secretAccessKey
            ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
            : {}),
        },
        config,
      ),
    );
  }
  if (clouds.includes('azure')) {
    const {
      AZURE_TENANT_ID: tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_SECRET: clientSecret,
    } = config;
    const subscriptions = config.AISPM_AZURE_SUBSCRIPTIONS ?? [];
    out.push(
      connectors.createAzureConnector(
        {
          ...(config.AISPM_AZURE_ARM_ENDPOINT ? { armEndpoint: config.AISPM_AZURE_ARM_ENDPOINT } : {}),
          ...(config.AISPM_AZURE_AUTHORITY_HOST ? { authorityHost: config.AISPM_AZURE_AUTHORITY_HOST } : {}),
          ...(tenantId && clientId && clientSecret
            ? { clientCredentials: { tenantId, clientId, clientSecret } }
            : {}),
          ...(config.AISPM_AZURE_CA_CERT_PATH
            ? { tlsCa: readFileSync(config.AISPM_AZURE_CA_CERT_PATH, 'utf8') }
            : {}),
          ...(subscriptions.length ? { subscriptions } : {}),
        },
        config,
      ),
    );
  }
  if (clouds.includes('gcp')) {
    const projects = config.AISPM_GCP_PROJECTS ?? [];
    const locations = config.AISPM_GCP_LOCATIONS ?? [];
    out.push(
      connectors.createGcpConnector(
        {
          ...(config.AISPM_GCP_API_ENDPOINT ? { apiEndpoint: config.AISPM_GCP_API_ENDPOINT } : {}),
          ...(config.AISPM_GCP_CREDENTIALS_FILE
            ? { credentialsFile: config.AISPM_GCP_CREDENTIALS_FILE }
            : {}),
          ...(config.AISPM_GCP_ORGANIZATION_ID ? { organizationId: config.AISPM_GCP_ORGANIZATION_ID } : {}),
          ...(projects.length ? { projects } : {}),
          ...(locations.length ? { locations } : {}),
        },
        config,
      ),
    );
  }
  return out;
}
