import { type AssetRecord, edge, type GraphBatch, type Severity } from '@aispm/core';
import {
  type ApiRole,
  cancelScanRow,
  createScanDeduplicated,
  createToken,
  type Db,
  ensureTenant,
  removeSchedule,
  suppressFinding,
  unsuppressFinding,
  upsertSchedule,
  writeGraphBatch,
} from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { ApiServices, RuleCatalog } from '../src/services.ts';

/**
 * Small real implementations of the services the CLI wires in, on the same database: scans and schedules
 * through the scan package's repos, suppression through the policy engine's findings repo.
 */
export function dbServices(db: Db, rules?: RuleCatalog): ApiServices {
  return {
    scans: {
      async start(tenantId, scope, trigger) {
        const { scanId } = await createScanDeduplicated(db, { tenantId, trigger, scope });
        return { scanId };
      },
      cancel: (_tenantId, scanId) => cancelScanRow(db, scanId),
      schedules: {
        upsert: (tenantId, input) => upsertSchedule(db, tenantId, input),
        remove: (tenantId, name) => removeSchedule(db, tenantId, name),
      },
    },
    findings: {
      suppress: ({ tenantId, findingId, reason, actor, until }) =>
        suppressFinding(db, tenantId, findingId, { reason, by: actor, until: until ?? null }),
      unsuppress: ({ tenantId, findingId, actor, reason }) =>
        unsuppressFinding(db, tenantId, findingId, actor, reason),
    },
    evaluator: {
      async run(tenantId) {
        const [row] = await db.query<{ id: string }>(
          `INSERT INTO evaluations (tenant_id, summary, finished_at) VALUES ($1, $2, now()) RETURNING id`,
          [tenantId, JSON.stringify({ findings: { total: 0 } })],
        );
        return { evaluationId: row?.id };
      },
    },
    ...(rules ? { rules } : {}),
  };
}

export const ROLES: ApiRole[] = ['admin', 'analyst', 'auditor', 'scanner'];

export interface TenantFixture {
  id: string;
  tokens: Record<ApiRole, string>;
}

export async function tenantWithTokens(db: Db, slug: string): Promise<TenantFixture> {
  const tenant = await ensureTenant(db, slug, slug);
  const tokens = {} as Record<ApiRole, string>;
  for (const role of ROLES)
    tokens[role] = (await createToken(db, { tenantId: tenant.id, name: `${slug}-${role}`, role })).token;
  return { id: tenant.id, tokens };
}

export interface ApiFixture {
  t: TestDatabase;
  db: Db;
  app: FastifyInstance;
  home: TenantFixture;
  foreign: TenantFixture;
  close(): Promise<void>;
}

export async function apiFixture(options: { rules?: RuleCatalog } = {}): Promise<ApiFixture> {
  const t = await createTestDatabase();
  const home = await tenantWithTokens(t.db, 'home');
  const foreign = await tenantWithTokens(t.db, 'foreign');
  const app = await buildApp({ db: t.db, services: dbServices(t.db, options.rules), rateLimit: false });
  await app.ready();
  return {
    t,
    db: t.db,
    app,
    home,
    foreign,
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

// --- seeding

export function awsAsset(
  account: string,
  kind: AssetRecord['kind'],
  name: string,
  extra: Partial<AssetRecord> = {},
): AssetRecord {
  const nativeType =
    kind === 'data-store'
      ? 'AWS::S3::Bucket'
      : kind === 'model'
        ? 'AWS::Bedrock::CustomModel'
        : 'AWS::SageMaker::Endpoint';
  const id =
    kind === 'data-store'
      ? `arn:aws:s3:::${name}`
      : kind === 'model'
        ? `arn:aws:bedrock:us-east-1:${account}:custom-model/${name}`
        : `arn:aws:sagemaker:us-east-1:${account}:endpoint/${name}`;
  return {
    id,
    kind,
    provider: 'aws',
    accountId: account,
    region: 'us-east-1',
    name,
    nativeType,
    properties: {},
    tags: {},
    ...extra,
  };
}

export async function seedGraph(db: Db, tenantId: string, batch: GraphBatch, accountId = '111111111111') {
  const [scan] = await db.query<{ id: string }>(
    `INSERT INTO scans (tenant_id, trigger, status) VALUES ($1, 'test', 'succeeded') RETURNING id`,
    [tenantId],
  );
  await writeGraphBatch(db, { tenantId, scanId: scan?.id ?? '', source: 'test@us-east-1', accountId }, batch);
}

export interface SeedFinding {
  ruleId: string;
  assetId: string;
  severity: Severity;
  riskScore: number;
  status?: string;
  controls?: string[];
  provider?: string;
  accountId?: string;
  lastSeenAt?: Date;
  evidence?: Record<string, unknown>;
}

/** Findings straight into the table, as the policy engine writes them. */
export async function seedFindings(db: Db, tenantId: string, findings: SeedFinding[]): Promise<string[]> {
  const rows = findings.map((f, i) => ({
    fingerprint: `${f.ruleId}|${f.assetId}|${i}`,
    rule_id: f.ruleId,
    asset_id: f.assetId,
    provider: f.provider ?? 'aws',
    account_id: f.accountId ?? '111111111111',
    region: 'us-east-1',
    severity: f.severity,
    risk_score: f.riskScore,
    title: `${f.ruleId} on ${f.assetId}`,
    status: f.status ?? 'open',
    controls: f.controls ?? [],
    evidence: f.evidence ?? {},
    last_seen_at: (f.lastSeenAt ?? new Date()).toISOString(),
  }));
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO findings (tenant_id, fingerprint, rule_id, asset_id, provider, account_id, region, severity, risk_score,
                           title, status, controls, evidence, last_seen_at)
     SELECT $1, fingerprint, rule_id, asset_id, provider, account_id, region, severity, risk_score, title, status,
            ARRAY(SELECT jsonb_array_elements_text(controls)), evidence, last_seen_at
       FROM jsonb_to_recordset($2::jsonb) AS x(fingerprint text, rule_id text, asset_id text, provider text,
            account_id text, region text, severity text, risk_score float8, title text, status text, controls jsonb,
            evidence jsonb, last_seen_at timestamptz)
     RETURNING id`,
    [tenantId, JSON.stringify(rows)],
  );
  return inserted.map((r) => r.id);
}

export { edge };
