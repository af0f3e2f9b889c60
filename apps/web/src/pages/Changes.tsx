import { Link, useParams } from 'react-router';
import { useScanChanges, useScans } from '../api/hooks.ts';
import type { ScanChanges } from '../api/types.ts';
import { FactChanges } from '../components/FactChanges.tsx';
import { EmptyState, Loading, QueryState } from '../components/QueryState.tsx';
import { AssetLink, Card, KindTag, PageHeader, SeverityBadge, StatusBadge } from '../components/ui.tsx';
import { formatDateTime } from '../lib/format.ts';

const CHANGE_TONE: Record<string, string> = {
  added: 'info',
  new: 'bad',
  opened: 'bad',
  reopened: 'bad',
  changed: 'warn',
  moved: 'warn',
  removed: 'muted',
  gone: 'good',
  resolved: 'good',
};

function ChangeBadge({ change }: { change: string }) {
  return <span className={`badge tone--${CHANGE_TONE[change] ?? 'muted'}`}>{change}</span>;
}

function ChangesView({ data }: { data: ScanChanges }) {
  if (!data.previousScanId) {
    return (
      <EmptyState title="The first scan of its scope">
        Nothing to compare with yet: the next scan of the same scope will show what changed.
      </EmptyState>
    );
  }
  return (
    <>
      <p className="muted" data-testid="changes-window">
        Against scan <Link to={`/scans/${data.previousScanId}`}>{data.previousScanId.slice(0, 8)}</Link> ·{' '}
        {data.from ? formatDateTime(data.from) : ''} → {formatDateTime(data.to)}
      </p>
      <Card title={`Assets (${data.assets.length})`}>
        {data.assets.length === 0 ? (
          <p className="muted">No asset was added, removed or changed.</p>
        ) : (
          <table className="table" data-testid="asset-changes">
            <tbody>
              {data.assets.map((a) => (
                <tr key={a.assetId} data-change={a.change} data-asset={a.assetId}>
                  <td>
                    <ChangeBadge change={a.change} />
                  </td>
                  <td>
                    <KindTag kind={a.kind} />
                  </td>
                  <td>
                    <AssetLink id={a.assetId} name={a.name} />
                    {a.change === 'changed' ? <FactChanges facts={a.facts} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <div className="grid grid--2">
        <Card title={`Findings (${data.findings.length})`}>
          <table className="table table--compact" data-testid="finding-changes">
            <tbody>
              {data.findings.map((f) => (
                <tr key={`${f.findingId}-${f.change}`} data-change={f.change}>
                  <td>
                    <ChangeBadge change={f.change} />
                  </td>
                  <td>
                    <SeverityBadge severity={f.severity} />
                  </td>
                  <td>
                    <Link to={`/findings/${f.findingId}`}>{f.title}</Link>
                    <div className="muted small">
                      <AssetLink id={f.assetId} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <div>
          <Card title={`Attack paths (${data.attackPaths.length})`}>
            <ul className="finding-list" data-testid="path-changes">
              {data.attackPaths.map((p) => (
                <li key={`${p.pathId}-${p.change}`}>
                  <ChangeBadge change={p.change} />{' '}
                  <Link to={`/attack-paths/${p.pathId}`}>{p.length} hops</Link> <AssetLink id={p.entryId} /> →{' '}
                  <AssetLink id={p.targetId} />
                </li>
              ))}
            </ul>
          </Card>
          <Card title={`Choke points (${data.chokePoints.length})`}>
            <ul className="finding-list" data-testid="choke-changes">
              {data.chokePoints.map((c) => (
                <li key={c.assetId}>
                  <ChangeBadge change={c.change} /> <AssetLink id={c.assetId} /> cuts {c.cutsBefore} →{' '}
                  {c.cutsAfter}
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}

/** "What changed": one scan's changes (`/scans/:id/changes`), or the latest finished scan's (`/changes`). */
export default function ChangesPage() {
  const { id } = useParams();
  const scans = useScans();
  const latest = scans.data?.items.find((s) => s.status === 'succeeded' || s.status === 'partial');
  const scanId = id ?? latest?.id ?? '';
  const changes = useScanChanges(scanId);
  return (
    <>
      <PageHeader
        title="What changed"
        subtitle={
          scanId ? (
            <>
              <Link to="/scans">Scans</Link> / <Link to={`/scans/${scanId}`}>{scanId.slice(0, 8)}</Link>{' '}
              {latest && latest.id === scanId ? <StatusBadge status={latest.status} /> : null}
            </>
          ) : (
            'Changes between a scan and the previous one of the same scope'
          )
        }
      />
      {!id && scans.isPending ? (
        <Loading />
      ) : !scanId ? (
        <EmptyState title="No scan has finished yet">
          Run a scan from the <Link to="/scans">Scans</Link> page.
        </EmptyState>
      ) : (
        <QueryState query={changes}>{(data) => <ChangesView data={data} />}</QueryState>
      )}
    </>
  );
}
