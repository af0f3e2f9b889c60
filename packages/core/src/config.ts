import { z } from 'zod';
import { PROVIDERS } from './kinds.ts';

/**
 * aispm's configuration: every environment variable the apps and packages read, parsed once by `loadConfig` at
 * the entry point (CLI, worker) and passed down. Keys are the variable names, values are parsed and defaulted.
 * The README's Configuration table is checked against this schema (packages/core/test/config.test.ts).
 */

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/aispm';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** `a, b,c` as a list; an empty entry is dropped. */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const positiveInt = z.coerce
  .number({ error: 'must be a whole number ≥ 1' })
  .int({ error: 'must be a whole number ≥ 1' })
  .min(1, { error: 'must be a whole number ≥ 1' });
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' })
    .default(DEFAULT_DATABASE_URL)
    .describe('Postgres for the asset graph (created by `migrate` if missing)'),
  AISPM_DB: z
    .string()
    .regex(/^pglite(:.+)?$/, { error: 'must be pglite or pglite:<dir>' })
    .optional()
    .describe('`pglite` or `pglite:<dir>` runs on embedded PGlite instead of Postgres'),
  REDIS_URL: z
    .union([
      z.literal('none'),
      z.string().regex(/^rediss?:\/\//, { error: 'must be a redis:// URL or none' }),
    ])
    .default(DEFAULT_REDIS_URL)
    .transform((v) => (v === 'none' ? null : v))
    .describe('BullMQ queues; `none` (or `scan --embedded`) runs scans in-process without Redis'),
  AISPM_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]{1,64}$/, { error: 'letters, digits, "_" and "-"; at most 64' })
    .default('aispm')
    .describe('prefix of the BullMQ queue keys in Redis (several installations on one Redis)'),
  PORT: z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int({ error: 'must be a port number (0–65535)' })
    .min(0, { error: 'must be a port number (0–65535)' })
    .max(65_535, { error: 'must be a port number (0–65535)' })
    .default(8080)
    .describe('API and dashboard listener port'),
  HOST: z.string().default('127.0.0.1').describe('API and dashboard listener address'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('API request log level'),
  AISPM_ADMIN_TOKEN: z
    .string()
    .optional()
    .describe('admin API token ensured on start (else one is generated and printed once)'),
  AISPM_TENANT: z.string().optional().describe('tenant the CLI and workers act for (default `default`)'),
  AISPM_DEBUG: z
    .string()
    .optional()
    .transform((v) => Boolean(v))
    .describe('any value: the CLI prints stack traces with its errors'),
  AISPM_MIGRATIONS_DIR: z.string().optional().describe('migrations folder of `aispm migrate`'),
  AISPM_DEFAULT_SCHEDULE: z
    .enum(['0', '1'], { error: 'must be 1 (install) or 0' })
    .optional()
    .transform((v) => v === '1')
    .describe('`1`: the worker app installs the default daily org-wide scan on start'),
  AISPM_WORKER_CONCURRENCY: positiveInt.optional().describe('jobs per worker process (default 32)'),
  AISPM_ACCOUNT_CONCURRENCY: positiveInt
    .optional()
    .describe('concurrent tasks per cloud account (default 4)'),
  AISPM_PACING_SCALE: z.coerce
    .number()
    .min(0)
    .optional()
    .describe(
      'factor on the documented cloud API rate limits the scanner paces its calls by (default 1; above 1 where quotas were raised; 0 turns pacing off)',
    ),
  AISPM_LOCK_DURATION_MS: positiveInt
    .optional()
    .describe(
      'BullMQ job lock and per-account lease of a worker, in ms (a dead worker’s jobs move after it)',
    ),
  AISPM_STALLED_INTERVAL_MS: positiveInt
    .optional()
    .describe('how often workers look for stalled jobs, in ms'),
  AISPM_RETRY_BASE_MS: positiveInt.optional().describe('first retry delay of a failed scan task, in ms'),
  AISPM_TASK_TIMEOUT_MS: positiveInt
    .optional()
    .describe('a scan task running longer fails for good (default 900000, 15 min)'),
  AISPM_SCAN_LOST_AFTER_MS: positiveInt
    .optional()
    .describe(
      'a scan quiet this long whose queued jobs are gone is enqueued again, then failed (default 1200000)',
    ),
  AISPM_DRAIN_TIMEOUT_MS: positiveInt
    .optional()
    .describe('on SIGTERM a worker waits this long for the tasks in hand, then exits (default 30000)'),
  AISPM_CHANGES_RETENTION_DAYS: positiveInt
    .optional()
    .describe('days the asset change log (drift between scans) is kept (default 90)'),
  AISPM_CLOUDS: list(z.enum(PROVIDERS, { error: `expected ${PROVIDERS.join(', ')}` }))
    .optional()
    .describe('clouds workers and the API scan: any of `aws,azure,gcp` (default `aws`)'),
  AISPM_AWS_CALL_TIMEOUT_MS: positiveInt
    .optional()
    .describe('deadline of one AWS API call: connect, answer and body (default 60000)'),
  AISPM_AZURE_CALL_TIMEOUT_MS: positiveInt
    .optional()
    .describe('deadline of one Azure Resource Manager call (default 60000)'),
  AISPM_GCP_CALL_TIMEOUT_MS: positiveInt
    .optional()
    .describe('deadline of one Google API call (default 60000)'),
  AISPM_AWS_REGIONS: list(z.string())
    .optional()
    .describe('regions the AWS connector scans (default `us-east-1,eu-west-1`)'),
  AISPM_AWS_ENDPOINT: httpUrl
    .optional()
    .describe('one endpoint for every AWS service (cloud-sim, an emulator)'),
  AISPM_AWS_ROLE_NAME: z
    .string()
    .optional()
    .describe('role assumed in each member account (default `AispmReadOnly`)'),
  AISPM_AWS_EXTERNAL_ID: z.string().optional().describe('external id of that role'),
  AWS_ENDPOINT_URL: httpUrl
    .optional()
    .describe('the AWS SDK’s own endpoint override; aispm then addresses S3 path-style'),
  AWS_ACCESS_KEY_ID: z
    .string()
    .optional()
    .describe('static AWS keys (with the secret); else the SDK’s chain'),
  AWS_SECRET_ACCESS_KEY: z.string().optional().describe('secret of the static AWS keys'),
  AWS_SESSION_TOKEN: z.string().optional().describe('session token of temporary static AWS keys'),
  AZURE_TENANT_ID: z
    .string()
    .optional()
    .describe('service principal for Azure (else `DefaultAzureCredential`)'),
  AZURE_CLIENT_ID: z.string().optional().describe('application (client) id of that service principal'),
  AZURE_CLIENT_SECRET: z.string().optional().describe('client secret of that service principal'),
  AISPM_AZURE_ARM_ENDPOINT: httpUrl
    .optional()
    .describe('Resource Manager endpoint (cloud-sim, sovereign clouds)'),
  AISPM_AZURE_AUTHORITY_HOST: httpUrl
    .optional()
    .describe('Entra ID authority host (cloud-sim, sovereign clouds)'),
  AISPM_AZURE_CA_CERT_PATH: z
    .string()
    .optional()
    .describe('PEM file of an extra CA the Azure clients trust (cloud-sim’s self-signed certificate)'),
  AISPM_AZURE_SUBSCRIPTIONS: list(z.string())
    .optional()
    .describe('subscriptions to scan (default: all visible)'),
  AISPM_GCP_API_ENDPOINT: httpUrl.optional().describe('base endpoint for the GCP APIs (cloud-sim)'),
  AISPM_GCP_CREDENTIALS_FILE: z
    .string()
    .optional()
    .describe('credentials JSON (else Application Default Credentials)'),
  AISPM_GCP_ORGANIZATION_ID: z.string().optional().describe('organization to scan (default: discovered)'),
  AISPM_GCP_PROJECTS: list(z.string()).optional().describe('projects to scan (default: discovered)'),
  AISPM_GCP_LOCATIONS: list(z.string()).optional().describe('locations to scan (default: discovered)'),
});

export type AispmConfig = z.output<typeof ConfigSchema>;
export type ConfigVariable = keyof typeof ConfigSchema.shape;
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as ConfigVariable[];

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses aispm's variables out of an environment (unset and empty variables take their defaults); throws a
 * ConfigError naming every invalid variable. Other variables are ignored.
 */
export function loadConfig(env: Record<string, string | undefined>): AispmConfig {
  const own: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') own[name] = value;
  }
  const parsed = ConfigSchema.safeParse(own);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
