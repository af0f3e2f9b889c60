import type { AssetRecord, Severity } from '@aispm/core';
import { syncAttackPaths } from '@aispm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiFixture,
  apiFixture,
  awsAsset,
  bearer,
  edge,
  type SeedFinding,
  seedFindings,
  seedGraph,
} from './helpers.ts';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const RANK: Record<string, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

let f: ApiFixture;
let assets: AssetRecord[];
let seeded: (SeedFinding & { id?: string })[];

const RULES = {
  rule: (id: string) =>
    id === 'rule-0'
      ? {
          id,
          title: 'Bucket is public',
          rationale: 'why',
          remediation: { aws: { console: ['Block public access'], cli: 'aws s3api …' } },
        }
      : undefined,
  frameworks: () => [
    {
      id: 'owasp-llm',
      title: 'OWASP Top 10 for LLM',
      controls: [
        { id: 'LLM03:2025', title: 'Supply chain', rules: ['rule-0', 'rule-3'] },
        { id: 'LLM99:2025', title: 'Never failing', rules: ['rule-without-findings'] },
        { id: 'LLM10:2025', title: 'Not checkable', rules: [], reason: 'process control' },
      ],
    },
  ],
};

beforeAll(async () => {
  f = await apiFixture({ rules: RULES });
  assets = [];
  for (let i = 0; i < 30; i++) {
    const kind = (['data-store', 'model', 'inference-endpoint'] as const)[i % 3] ?? 'model';
    assets.push(
      awsAsset('111111111111', kind, `asset-${String(i).padStart(2, '0')}${i === 7 ? '-Special_Name' : ''}`, {
        tags: i % 5 === 0 ? { env: 'prod', team: 'ml' } : { env: 'dev' },
      }),
    );
  }
  const other = awsAsset('222222222222', 'model', 'other-account-model');
  const edges = [
    edge('trained-on', assets[1]?.id ?? '', assets[0]?.id ?? ''),
    edge('serves', assets[2]?.id ?? '', assets[1]?.id ?? ''),
  ];
  await seedGraph(f.db, f.home.id, { assets, edges });
  await seedGraph(f.db, f.home.id, { assets: [other], edges: [] }, '222222222222');
  seeded = [];
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 240; i++) {
    seeded.push({
      ruleId: `rule-${i % 10}`,
      assetId: assets[i % 30]?.id ?? '',
      severity: SEVERITIES[i % 5] ?? 'info',
      // Many ties on purpose: pagination must break them by id without skipping or repeating rows.
      riskScore: (i * 7) % 13,
      status: i % 11 === 0 ? 'suppressed' : i % 17 === 0 ? 'resolved' : 'open',
      controls: i % 10 === 0 || i % 10 === 3 ? ['LLM03:2025', 'AML.T0010'] : [],
      accountId: i % 4 === 0 ? '222222222222' : '111111111111',
      lastSeenAt: new Date(base + (i % 40) * 3_600_000),
      evidence: { note: `evidence ${i}` },
    });
  }
  seeded.push({
    ruleId: 'rule-csv',
    assetId: assets[3]?.id ?? '',
    severity: 'high',
    riskScore: 5,
    evidence: {},
  });
  await seedFindings(f.db, f.home.id, seeded);
  await f.db.execute(
    `UPDATE findings SET title = 'Title with "quotes", commas and =formula' WHERE rule_id = 'rule-csv'`,
  );
  // A foreign tenant finding that must never show up.
  await seedFindings(f.db, f.foreign.id, [
    { ruleId: 'rule-0', assetId: assets[0]?.id ?? '', severity: 'critical', riskScore: 99 },
  ]);
  await f.db.execute(`INSERT INTO evaluations (tenant_id, summary, finished_at) VALUES ($1, '{}', now())`, [
    f.home.id,
  ]);
});

afterAll(async () => {
  await f?.close();
});

async function getJson(url: string, role: 'admin' | 'auditor' = 'admin') {
  const res = await f.app.inject({ url, headers: bearer(f.home.tokens[role]) });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
}

async function walk(base: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const sep = base.includes('?') ? '&' : '?';
    const page = await getJson(cursor ? `${base}${sep}cursor=${cursor}` : base);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

interface FindingWire {
  id: string;
  severity: string;
  riskScore: number;
}

const idOrder = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

describe('findings list', () => {
  it('walks every finding once by risk, ties broken by id', async () => {
    const items = await walk('/api/v1/findings?limit=7');
    expect(items).toHaveLength(seeded.length);
    expect(new Set(items.map((i) => i.id)).size).toBe(seeded.length);
    let ties = 0;
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]] as unknown as [FindingWire, FindingWire];
      expect(a.riskScore >= b.riskScore).toBe(true);
      if (a.riskScore === b.riskScore) {
        ties++;
        expect(idOrder(a.id, b.id)).toBe(-1);
      }
    }
    // The seed makes many ties on purpose: the tie-break above must have been exercised.
    expect(ties).toBeGreaterThan(0);
  });

  it('sorts by severity then risk, and by lastSeen, across pages', async () => {
    const bySeverity = await walk('/api/v1/findings?sort=severity&limit=13');
    expect(bySeverity).toHaveLength(seeded.length);
    for (let i = 1; i < bySeverity.length; i++) {
      const [a, b] = [bySeverity[i - 1], bySeverity[i]] as unknown as [FindingWire, FindingWire];
      const cmp = (RANK[a.severity] ?? 0) - (RANK[b.severity] ?? 0) || a.riskScore - b.riskScore;
      expect(cmp > 0 || (cmp === 0 && idOrder(a.id, b.id) === -1)).toBe(true);
    }
    const byLastSeen = await walk('/api/v1/findings?sort=lastSeen&limit=9');
    expect(new Set(byLastSeen.map((i) => i.id)).size).toBe(seeded.length);
    const times = byLastSeen.map((i) => Date.parse(String(i.lastSeenAt)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by severity, status, rule, control, account and asset', async () => {
    const expectCount = async (query: string, predicate: (s: SeedFinding) => boolean) => {
      const items = await walk(`/api/v1/findings?limit=50&${query}`);
      expect(items.length, query).toBe(seeded.filter(predicate).length);
      expect(items.length, `${query} matches something`).toBeGreaterThan(0);
    };
    await expectCount('severity=critical,high', (s) => s.severity === 'critical' || s.severity === 'high');
    await expectCount('status=suppressed', (s) => s.status === 'suppressed');
    await expectCount('rule=rule-3', (s) => s.ruleId === 'rule-3');
    await expectCount('control=LLM03:2025', (s) => !!s.controls?.includes('LLM03:2025'));
    await expectCount(
      'account=222222222222&severity=low',
      (s) => s.accountId === '222222222222' && s.severity === 'low',
    );
    await expectCount(`asset=${encodeURIComponent(assets[4]?.id ?? '')}`, (s) => s.assetId === assets[4]?.id);
    await expectCount(
      'status=open&sort=severity&control=AML.T0010',
      (s) => (s.status ?? 'open') === 'open' && !!s.controls?.includes('AML.T0010'),
    );
    const none = await getJson('/api/v1/findings?rule=no-such-rule');
    expect(none).toEqual({ items: [], nextCursor: null });
  });

  it('searches title, rule and asset text case-insensitively, with LIKE wildcards taken literally', async () => {
    const byTitle = await walk('/api/v1/findings?limit=50&q=FORMULA');
    expect(byTitle.map((i) => i.ruleId)).toEqual(['rule-csv']);
    const byRule = await walk('/api/v1/findings?limit=50&q=rule-7');
    expect(byRule.length).toBe(seeded.filter((x) => x.ruleId === 'rule-7').length);
    const asset = assets[4];
    const byAsset = await walk(`/api/v1/findings?limit=50&q=${encodeURIComponent(asset?.name ?? '')}`);
    expect(byAsset.length).toBeGreaterThan(0);
    expect(
      byAsset.every(
        (i) =>
          String(i.assetName).includes(asset?.name ?? '') || String(i.assetId).includes(asset?.name ?? ''),
      ),
    ).toBe(true);
    // A whole asset id (an ARN) is no name's substring: it is matched through the assets' ids.
    const byAssetId = await walk(`/api/v1/findings?limit=50&q=${encodeURIComponent(asset?.id ?? '')}`);
    expect(byAssetId.length).toBe(seeded.filter((x) => x.assetId === asset?.id).length);
    expect(byAssetId.every((i) => i.assetId === asset?.id)).toBe(true);
    expect((await getJson('/api/v1/findings?q=%25')).items).toEqual([]);
    const blank = await f.app.inject({ url: '/api/v1/findings?q=%20', headers: bearer(f.home.tokens.admin) });
    expect(blank.statusCode).toBe(400);
  });

  it('shows one finding with evidence, rule metadata and history; suppress and unsuppress it', async () => {
    const [first] = (await getJson('/api/v1/findings?rule=rule-0&status=open&limit=1')).items;
    const detail = await getJson(`/api/v1/findings/${first.id}`);
    expect(detail.rule).toMatchObject({ id: 'rule-0', title: 'Bucket is public', rationale: 'why' });
    expect(detail.evidence).toHaveProperty('note');
    expect(detail.history).toEqual([]);
    expect(detail.assetName).toMatch(/^asset-/);

    const analyst = bearer(f.home.tokens.analyst);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const suppressed = await f.app.inject({
      method: 'POST',
      url: `/api/v1/findings/${first.id}/suppress`,
      headers: analyst,
      payload: { reason: 'compensating control', until },
    });
    expect(suppressed.statusCode, suppressed.body).toBe(200);
    expect(suppressed.json()).toMatchObject({
      status: 'suppressed',
      suppressReason: 'compensating control',
      suppressedUntil: until,
    });
    expect(suppressed.json().suppressedBy).toContain('home-analyst');
    const lifted = await f.app.inject({
      method: 'POST',
      url: `/api/v1/findings/${first.id}/unsuppress`,
      headers: analyst,
    });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json().status).toBe('open');
    expect(lifted.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'suppressed',
      'open',
    ]);
    const again = await f.app.inject({
      method: 'POST',
      url: `/api/v1/findings/${first.id}/unsuppress`,
      headers: analyst,
    });
    expect(again.statusCode).toBe(409);
    const audit = await getJson('/api/v1/audit-log?action=finding.suppress', 'auditor');
    expect(audit.items[0]).toMatchObject({ action: 'finding.suppress', target: first.id });
    expect(audit.items[0].details.body.reason).toBe('compensating control');
  });
});

describe('exports', () => {
  it('streams the filtered findings as escaped CSV and as JSON', async () => {
    const csv = await f.app.inject({
      url: '/api/v1/exports/findings.csv?severity=high',
      headers: bearer(f.home.tokens.auditor),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('findings.csv');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,ruleId,title,severity,riskScore,status/);
    expect(lines).toHaveLength(1 + seeded.filter((s) => s.severity === 'high').length);
    expect(csv.body).toContain(`"'Title with ""quotes"", commas and =formula"`.replace(`"'Title`, `"Title`));
    const json = await f.app.inject({
      url: '/api/v1/exports/findings.json?status=suppressed',
      headers: bearer(f.home.tokens.auditor),
    });
    expect(json.statusCode).toBe(200);
    const rows = json.json();
    expect(rows).toHaveLength(seeded.filter((s) => s.status === 'suppressed').length);
    expect(rows.every((r: { status: string }) => r.status === 'suppressed')).toBe(true);
  });

  it('exports per-control compliance', async () => {
    const csv = await f.app.inject({
      url: '/api/v1/exports/compliance.csv',
      headers: bearer(f.home.tokens.auditor),
    });
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'framework,frameworkTitle,control,controlTitle,status,openFindings,suppressedFindings,rules',
    );
    expect(lines.find((l) => l.includes('LLM03:2025'))).toMatch(/,fail,\d+,\d+,rule-0;rule-3$/);
    expect(lines.find((l) => l.includes('LLM99:2025'))).toContain(',pass,0,0,');
    expect(lines.find((l) => l.includes('LLM10:2025'))).toContain(',not-evidenceable,');
  });
});

describe('frameworks, inventory, graph', () => {
  it('derives control status from the tenant findings', async () => {
    const list = await getJson('/api/v1/frameworks');
    expect(list.items).toEqual([
      expect.objectContaining({ id: 'owasp-llm', controls: 3, evidenced: 2, failing: 1, passing: 1 }),
    ]);
    const detail = await getJson('/api/v1/frameworks/owasp-llm');
    const llm03 = detail.controls.find((c: { id: string }) => c.id === 'LLM03:2025');
    const open = seeded.filter(
      (s) => (s.status ?? 'open') === 'open' && s.controls?.includes('LLM03:2025'),
    ).length;
    expect(llm03).toMatchObject({ status: 'fail', failing: open });
    const foreign = await f.app.inject({
      url: '/api/v1/frameworks/owasp-llm',
      headers: bearer(f.foreign.tokens.admin),
    });
    expect(foreign.json().controls.find((c: { id: string }) => c.id === 'LLM03:2025').status).toBe(
      'not-evaluated',
    );
  });

  it('filters and pages assets', async () => {
    const all = await walk('/api/v1/assets?limit=4');
    expect(all).toHaveLength(31);
    expect(all.map((a) => a.id)).toEqual([...all.map((a) => String(a.id))].sort());
    const models = await walk('/api/v1/assets?kind=model&limit=100');
    expect(models).toHaveLength(11);
    const prod = await walk('/api/v1/assets?tag=env:prod');
    expect(prod).toHaveLength(6);
    expect(prod.every((a) => (a.tags as Record<string, string>).env === 'prod')).toBe(true);
    const search = await walk('/api/v1/assets?q=special_');
    expect(search.map((a) => a.name)).toEqual(['asset-07-Special_Name']);
    const underscoreIsLiteral = await walk('/api/v1/assets?q=asset_0');
    expect(underscoreIsLiteral).toHaveLength(0);
    const account = await walk('/api/v1/assets?account=222222222222&provider=aws');
    expect(account.map((a) => a.name)).toEqual(['other-account-model']);
  });

  it('shows an asset by its URL-encoded id with its neighbourhood', async () => {
    const [bucket, model, endpoint] = assets as [AssetRecord, AssetRecord, AssetRecord];
    const depth1 = await getJson(`/api/v1/assets/${encodeURIComponent(bucket.id)}`);
    expect(depth1.id).toBe(bucket.id);
    expect(depth1.neighbourhood.assets.map((a: { id: string }) => a.id)).toEqual([model.id]);
    expect(depth1.findings.length).toBe(seeded.filter((s) => s.assetId === bucket.id).length);
    const depth2 = await getJson(`/api/v1/assets/${encodeURIComponent(bucket.id)}?depth=2`);
    expect(depth2.neighbourhood.assets.map((a: { id: string }) => a.id).sort()).toEqual(
      [model.id, endpoint.id].sort(),
    );
    expect(depth2.neighbourhood.edges).toHaveLength(2);
    const missing = await f.app.inject({
      url: `/api/v1/assets/${encodeURIComponent('arn:aws:s3:::nope')}`,
      headers: bearer(f.home.tokens.admin),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('summarises the inventory', async () => {
    const summary = await getJson('/api/v1/inventory/summary');
    expect(summary.total).toBe(31);
    expect(summary.byKind).toEqual({ 'data-store': 10, 'inference-endpoint': 10, model: 11 });
    expect(summary.byAccount).toEqual([
      { provider: 'aws', accountId: '111111111111', count: 30 },
      { provider: 'aws', accountId: '222222222222', count: 1 },
    ]);
  });
});

describe('attack paths', () => {
  it('serves each path with its kind and filters by kind', async () => {
    const [bucket, model, endpoint] = assets as [AssetRecord, AssetRecord, AssetRecord];
    const hop = (a: AssetRecord, via: string | null) => ({ assetId: a.id, kind: a.kind, name: a.name, via });
    await syncAttackPaths(f.db, f.home.id, [
      {
        fingerprint: 'poison',
        entryId: bucket.id,
        targetId: endpoint.id,
        kind: 'poisoning',
        hops: [hop(bucket, null), hop(model, 'trained-on'), hop(endpoint, 'serves')],
        length: 2,
        likelihood: 0.85,
        impact: 8,
        score: 6.8,
      },
      {
        fingerprint: 'steal',
        entryId: endpoint.id,
        targetId: model.id,
        kind: 'theft',
        hops: [hop(endpoint, null), hop(model, 'serves')],
        length: 1,
        likelihood: 1,
        impact: 8,
        score: 8,
      },
    ]);
    const all = await walk('/api/v1/attack-paths');
    expect(all.map((p) => [p.fingerprint, p.kind])).toEqual([
      ['steal', 'theft'],
      ['poison', 'poisoning'],
    ]);
    const poisoning = await walk('/api/v1/attack-paths?kind=poisoning');
    expect(poisoning.map((p) => p.fingerprint)).toEqual(['poison']);
    const bad = await f.app.inject({
      url: '/api/v1/attack-paths?kind=sabotage',
      headers: bearer(f.home.tokens.admin),
    });
    expect(bad.statusCode).toBe(400);
  });
});
