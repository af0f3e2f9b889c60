import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useAsset, useAssetHistory } from '../api/hooks.ts';
import type { AssetDetail } from '../api/types.ts';
import { FactChanges } from '../components/FactChanges.tsx';
import GraphView from '../components/graph/GraphView.tsx';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import {
  Card,
  KindTag,
  PageHeader,
  PropertyTable,
  ProviderTag,
  RiskScore,
  SeverityBadge,
} from '../components/ui.tsx';
import { findingsHref } from '../lib/filters.ts';
import { formatDateTime } from '../lib/format.ts';
import { neighbourhoodGraph, type RelationGroup, relationGroups } from '../lib/graph-model.ts';

/** Route params arrive decoded except for `%2F`, which the router keeps so ids with slashes survive. */
export function decodeAssetParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function AssetView({ asset }: { asset: AssetDetail }) {
  const graph = useMemo(
    () => neighbourhoodGraph(asset, asset.neighbourhood?.assets ?? [], asset.neighbourhood?.edges ?? []),
    [asset],
  );
  const relations = useMemo(
    () => relationGroups(asset, asset.neighbourhood?.assets ?? [], asset.neighbourhood?.edges ?? []),
    [asset],
  );
  const findings = asset.findings ?? [];
  const tags = Object.entries(asset.tags ?? {});
  return (
    <>
      <PageHeader
        title={asset.name || asset.id}
        subtitle={
          <>
            <Link to="/inventory">Inventory</Link> / <span className="mono">{asset.id}</span>
          </>
        }
        actions={
          <>
            <ProviderTag provider={asset.provider} />
            <KindTag kind={asset.kind} />
          </>
        }
      />
      <Card title={`Neighbourhood (${graph.nodes.length - 1} related)`}>
        {graph.edges.length === 0 ? (
          <EmptyState title="No relationships recorded for this asset" />
        ) : (
          <GraphView
            nodes={graph.nodes}
            edges={graph.edges}
            height={440}
            ariaLabel="Asset neighbourhood graph"
          />
        )}
      </Card>
      <div className="grid grid--wide-narrow">
        <div className="stack-lg">
          {relations.length > 0 ? <Relationships groups={relations} /> : null}
          <Card title="Properties">
            <PropertyTable data={asset.properties ?? {}} />
          </Card>
        </div>
        <div className="stack-lg">
          <Card title="Details">
            <dl className="meta">
              <dt>Native type</dt>
              <dd className="mono">{asset.nativeType}</dd>
              <dt>Account</dt>
              <dd className="mono">{asset.accountId}</dd>
              <dt>Region</dt>
              <dd className="mono">{asset.region}</dd>
              <dt>First seen</dt>
              <dd>{formatDateTime(asset.firstSeenAt)}</dd>
              <dt>Last seen</dt>
              <dd>{formatDateTime(asset.lastSeenAt)}</dd>
              <dt>Tags</dt>
              <dd>
                {tags.length
                  ? tags.map(([k, v]) => (
                      <span key={k} className="chip">
                        {k}={v}
                      </span>
                    ))
                  : '—'}
              </dd>
            </dl>
          </Card>
          <Card
            title={`Open findings (${findings.length})`}
            actions={<Link to={findingsHref({ asset: asset.id })}>In findings →</Link>}
          >
            {findings.length === 0 ? (
              <EmptyState title="No open findings" />
            ) : (
              <ul className="finding-list">
                {findings.map((f) => (
                  <li key={f.id}>
                    <SeverityBadge severity={f.severity} />
                    <Link to={`/findings/${encodeURIComponent(f.id)}`}>{f.title}</Link>
                    <RiskScore score={f.riskScore} reasons={f.riskReasons ?? []} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <FactHistory assetId={asset.id} />
        </div>
      </div>
    </>
  );
}

/** What the asset calls, runs as and is guarded by (and what reaches it), as named links. */
function Relationships({ groups }: { groups: RelationGroup[] }) {
  return (
    <Card title="Relationships">
      <dl className="meta relations" data-testid="relationships">
        {groups.map((g) => (
          <div key={g.key} data-relation={g.key}>
            <dt>{g.label}</dt>
            <dd>
              {g.members.map((m) => (
                <span key={m.id} className="chip" title={m.id}>
                  <KindTag kind={m.kind} /> {m.href ? <Link to={m.href}>{m.name}</Link> : m.name}
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/** The asset's drift: every change the scans recorded, newest first, with the facts that changed. */
function FactHistory({ assetId }: { assetId: string }) {
  const history = useAssetHistory(assetId);
  return (
    <Card title="Fact history">
      <QueryState
        query={history}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No change recorded" />}
      >
        {(data) => (
          <ol className="timeline" data-testid="fact-history">
            {data.items.map((h) => (
              <li key={`${h.at}-${h.change}`} data-change={h.change}>
                <strong>{h.change}</strong> <span className="muted small">{formatDateTime(h.at)}</span>
                {h.change === 'changed' ? <FactChanges facts={h.facts} /> : null}
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </Card>
  );
}

export default function AssetDetailPage() {
  const { id = '' } = useParams();
  const asset = useAsset(decodeAssetParam(id));
  return <QueryState query={asset}>{(data) => <AssetView asset={data} />}</QueryState>;
}
