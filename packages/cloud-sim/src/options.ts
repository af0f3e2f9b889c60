import { z } from 'zod';

export const ScaleSchema = z.union([
  z.enum(['small', 'medium', 'large', 'org-1000', 'big-accounts']),
  // An organisation of that many AWS accounts shaped as org-1000 is (org-250 measures what org-1000 does in minutes).
  z
    .string()
    .regex(/^org-[1-9]\d{0,3}$/, 'org-<accounts>, 1 to 9999')
    .transform((s) => s as `org-${number}`),
  z.coerce.number().int().positive(),
]);
export type Scale = z.infer<typeof ScaleSchema>;

/** How big each provider's estate is. A numeric scale is a target count of AI assets across all clouds. */
export interface ScaleParams {
  label: string;
  awsAccounts: number;
  azureSubscriptions: number;
  gcpProjects: number;
  /** AI workloads (a training pipeline + model + endpoint + consumers, or an agent + KB …) per account. */
  workloadsPerAccount: number;
}

/**
 * An organisation of member accounts with a few AI workloads each (where no per-account rate limit binds, the scan's
 * own throughput does), plus Azure subscriptions and GCP projects a tenth as many.
 */
function organisation(accounts: number): ScaleParams {
  return {
    label: `org-${accounts}`,
    awsAccounts: accounts,
    azureSubscriptions: Math.ceil(accounts / 10),
    gcpProjects: Math.ceil(accounts / 10),
    workloadsPerAccount: 8,
  };
}

export function scaleParams(scale: Scale): ScaleParams {
  if (typeof scale === 'number') return byAssetCount(scale);
  switch (scale) {
    case 'small':
      return {
        label: 'small',
        awsAccounts: 3,
        azureSubscriptions: 2,
        gcpProjects: 2,
        workloadsPerAccount: 2,
      };
    case 'medium':
      return {
        label: 'medium',
        awsAccounts: 6,
        azureSubscriptions: 4,
        gcpProjects: 4,
        workloadsPerAccount: 4,
      };
    case 'large':
      return {
        label: 'large',
        awsAccounts: 30,
        azureSubscriptions: 20,
        gcpProjects: 20,
        workloadsPerAccount: 10,
      };
    case 'big-accounts':
      // A few very large accounts: thousands of AI resources each, so the per-account rate limits bind.
      return {
        label: 'big-accounts',
        awsAccounts: 3,
        azureSubscriptions: 1,
        gcpProjects: 1,
        workloadsPerAccount: 400,
      };
    default:
      return organisation(Number(scale.slice(4)));
  }
}

/** A numeric scale: a target count of AI assets, over a few hundred accounts at most. */
function byAssetCount(scale: number): ScaleParams {
  // Measured: a workload yields ~9 AWS, ~15 Azure, ~13 GCP assets plus per-account baseline, ~12 on
  // average over the account mix; dividing by 11 makes the estate reach at least the target count.
  // Accounts stay a realistic few hundred at most.
  const workloads = Math.max(1, Math.ceil(scale / 11));
  const accounts = Math.min(300, Math.max(3, Math.ceil(Math.sqrt(workloads))));
  const per = Math.max(1, Math.ceil(workloads / accounts));
  const aws = Math.ceil(accounts * 0.5);
  const azure = Math.ceil(accounts * 0.25);
  const gcp = Math.max(1, accounts - aws - azure);
  return {
    label: String(scale),
    awsAccounts: aws,
    azureSubscriptions: azure,
    gcpProjects: gcp,
    workloadsPerAccount: per,
  };
}

export const FaultOptionsSchema = z.object({
  /** Fraction of requests answered with a retryable server error in the protocol's own format. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Fraction of requests answered with the protocol's throttling error (on top of real rate limits). */
  throttleRate: z.number().min(0).max(1).default(0),
  /** Added latency per request, milliseconds. */
  latencyMs: z.number().min(0).default(0),
  /** Fraction of responses whose body is malformed (invalid JSON/XML). */
  malformedRate: z.number().min(0).max(1).default(0),
  /** Fraction of responses cut off half-way (Content-Length larger than the body sent). */
  truncateRate: z.number().min(0).max(1).default(0),
  /** Fraction of requests whose connection is reset without an answer. */
  resetRate: z.number().min(0).max(1).default(0),
  /** Operations (e.g. "sagemaker:ListEndpoints") whose paginator never ends. */
  endlessPagination: z.array(z.string()).default([]),
  /**
   * Operations that answer AccessDenied / 403 in the cloud's own form, as an SCP or a missing permission would:
   * `bedrock:ListGuardrails`, or narrowed to one account and region: `sagemaker:DescribeModel@111122223333/eu-west-1`.
   */
  denied: z.array(z.string()).default([]),
  /**
   * Operations answered as unknown / not enabled (same rule syntax): AWS UnknownOperationException (query
   * InvalidAction, REST-XML NotImplemented), Azure NoRegisteredProviderFound, GCP 403 SERVICE_DISABLED.
   */
  notEnabled: z.array(z.string()).default([]),
  /** Operations (same rule syntax) that are never answered: the connection stays open and silent. */
  stalled: z.array(z.string()).default([]),
  /** Operations (same rule syntax) answered with headers and half the body, then silence on an open connection. */
  stalledMidBody: z.array(z.string()).default([]),
  /** Seed for the fault dice, so a faulty run is reproducible. */
  seed: z.number().int().default(1),
});
export type FaultOptions = z.infer<typeof FaultOptionsSchema>;

const LIST_FAULTS = new Set(['endlessPagination', 'denied', 'notEnabled', 'stalled', 'stalledMidBody']);

/** Parses the CLI form `errorRate=0.05,latencyMs=20,denied=bedrock:ListGuardrails|iam:GetAccountAuthorizationDetails`. */
export function parseFaults(spec: string | undefined): FaultOptions {
  const raw: Record<string, unknown> = {};
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [key, value = ''] = part.split('=');
    if (!key) continue;
    raw[key.trim()] = LIST_FAULTS.has(key) ? value.split('|').filter(Boolean) : Number(value);
  }
  return FaultOptionsSchema.parse(raw);
}

/**
 * How a real AWS organisation differs from the tidy default: who holds the printed credentials, an account the
 * scanner cannot enter, SCPs that take AI actions away from named principals. All off by default (the default
 * estates, and their pins, stay as they are); each one is written into the manifest as ground truth.
 */
export const AwsScenarioSchema = z.object({
  /**
   * Whose credentials the simulator prints: the management account's (default), or those of a member account
   * registered as the organisation's delegated administrator (it may call the read-only Organizations APIs; every
   * scanner role, the management account's included, trusts that account); of a member account that is not
   * (`member`: Organizations answers AccessDenied, so only that account can be scanned); or of an account in no
   * organisation (`standalone`: Organizations answers AWSOrganizationsNotInUseException).
   */
  caller: z.enum(['management', 'delegated-admin', 'member', 'standalone']).default('management'),
  /** The last member account has no scanner role: AssumeRole into it answers AccessDenied. */
  missingScannerRole: z.boolean().default(false),
  /** An SCP on the Dev OU denies AI invocation (Bedrock, SageMaker) to the ML developers of its accounts. */
  aiDenyScp: z.boolean().default(false),
});
export type AwsScenario = z.infer<typeof AwsScenarioSchema>;

/** Parses the CLI form `caller=delegated-admin,missingScannerRole,aiDenyScp` (a bare name switches a flag on). */
export function parseAwsScenario(spec: string | undefined): AwsScenario {
  const raw: Record<string, unknown> = {};
  for (const part of (spec ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key = '', value] = part.split('=');
    if (key === 'caller') raw.caller = value;
    else if (key === 'missingScannerRole' || key === 'aiDenyScp')
      raw[key] = value === undefined || value === 'true';
    else
      throw new Error(
        `unknown AWS scenario "${key}": expected caller=<management|delegated-admin|member|standalone>, missingScannerRole, aiDenyScp`,
      );
  }
  return AwsScenarioSchema.parse(raw);
}

export interface SimOptions {
  seed: number;
  scale: Scale;
  /** Port of the AWS endpoint; Azure (HTTPS) listens on port+1, GCP on port+2. 0 = pick free ports. */
  port: number;
  /** Per-operation token buckets modelled on the services' documented limits. */
  rateLimits: boolean;
  /** Multiplies every bucket's rate (tests use large factors to stay fast but still exercise throttling). */
  rateLimitScale?: number;
  /**
   * Rules checked before the documented ones (`cloud:operation` glob → bucket): an organisation whose quotas
   * differ, or a test that needs a limit to bind on a small estate.
   */
  rateLimitRules?: readonly import('./rate-limit.ts').LimitRule[];
  faults?: Partial<FaultOptions>;
  /** Which clouds to simulate (default all three); a test of one cloud starts faster with just that one. */
  providers?: ('aws' | 'azure' | 'gcp')[];
  /** AWS organisation scenarios (delegated-administrator credentials, a missing scanner role, AI-deny SCPs). */
  aws?: Partial<AwsScenario>;
}
