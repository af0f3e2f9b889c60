import { type AssetRecord, type EdgeRecord, edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import { awsAsset, internetAsset } from '../asset.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawOpenSearchServerless } from './fetch.ts';

interface PolicyRule {
  ResourceType?: string;
  Resource?: string[];
  Permission?: string[];
}

/** OpenSearch Serverless resource patterns (`collection/name*`) use `*` as the only wildcard. */
function patternMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

function rulesFor(rules: PolicyRule[] | undefined, resourceType: string, collection: string): PolicyRule[] {
  return (rules ?? []).filter(
    (r) =>
      r.ResourceType === resourceType &&
      (r.Resource ?? []).some((p) => patternMatches(p, `collection/${collection}`)),
  );
}

const asArray = (doc: unknown): Record<string, unknown>[] =>
  Array.isArray(doc) ? doc : doc && typeof doc === 'object' ? [doc as Record<string, unknown>] : [];

export function normalizeOpenSearchServerless(
  raw: RawOpenSearchServerless,
  scope: NormalizeScope,
): GraphBatch {
  const { accountId, region } = scope;
  const assets: AssetRecord[] = [];
  const edges: EdgeRecord[] = [];
  let exposed = false;

  const network = raw.networkPolicies.map((p) => ({
    name: p.name,
    statements: asArray(parsePolicyDocument(p.policy)),
  }));
  const encryption = raw.encryptionPolicies.map((p) => ({
    name: p.name,
    document: asArray(parsePolicyDocument(p.policy))[0] ?? {},
  }));
  const access = raw.dataAccessPolicies.map((p) => ({
    name: p.name,
    statements: asArray(parsePolicyDocument(p.policy)),
  }));

  for (const c of raw.collections) {
    if (!c.arn || !c.name) continue;
    const name = c.name;
    const networkMatches = network.flatMap((p) =>
      p.statements
        .filter((s) => rulesFor(s.Rules as PolicyRule[], 'collection', name).length > 0)
        .map((s) => ({
          policy: p.name,
          allowFromPublic: s.AllowFromPublic === true,
          sourceVpces: s.SourceVPCEs ?? [],
          sourceServices: s.SourceServices ?? [],
        })),
    );
    const publicNetwork = networkMatches.some((m) => m.allowFromPublic);
    const encryptionMatch = encryption.find(
      (p) => rulesFor(p.document.Rules as PolicyRule[], 'collection', name).length > 0,
    );
    const dataAccess = access.flatMap((p) =>
      p.statements.flatMap((s) => {
        const rules = [
          ...rulesFor(s.Rules as PolicyRule[], 'collection', name),
          ...indexRulesFor(s.Rules as PolicyRule[], name),
        ];
        if (rules.length === 0) return [];
        return [
          {
            policy: p.name,
            principals: (s.Principal as string[] | undefined) ?? [],
            permissions: [...new Set(rules.flatMap((r) => r.Permission ?? []))].sort(),
          },
        ];
      }),
    );
    assets.push(
      awsAsset({
        id: c.arn,
        kind: 'vector-store',
        accountId,
        region,
        name,
        nativeType: 'AWS::OpenSearchServerless::Collection',
        properties: {
          collectionId: c.id,
          status: c.status,
          type: c.type,
          collectionEndpoint: c.collectionEndpoint,
          kmsKeyArn: c.kmsKeyArn,
          standbyReplicas: c.standbyReplicas,
          publicNetwork,
          networkPolicies: networkMatches,
          encryptionPolicy: encryptionMatch
            ? {
                name: encryptionMatch.name,
                awsOwnedKey: encryptionMatch.document.AWSOwnedKey === true,
                kmsKeyArn: encryptionMatch.document.KmsARN,
              }
            : undefined,
          dataAccessPolicies: dataAccess,
        },
      }),
    );
    // No encrypted-by edge: MODEL.md does not list it for collections (the key stays in `kmsKeyArn`).
    if (publicNetwork) {
      exposed = true;
      edges.push(
        edge('exposed-to-internet', INTERNET_ID, c.arn, { reason: 'network policy AllowFromPublic' }),
      );
    }
  }
  if (exposed) assets.push(internetAsset());
  return { assets, edges };
}

/** Data access rules on indexes (`index/<collection>/<index>`) also grant access to the collection's data. */
function indexRulesFor(rules: PolicyRule[] | undefined, collection: string): PolicyRule[] {
  return (rules ?? []).filter(
    (r) =>
      r.ResourceType === 'index' &&
      (r.Resource ?? []).some((p) =>
        patternMatches(p.split('/').slice(0, 2).join('/'), `index/${collection}`),
      ),
  );
}
