import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/client.ts';
import { useFinding, useSuppressFinding, useUnsuppressFinding } from '../api/hooks.ts';
import type { EvidenceEdge, FindingDetail } from '../api/types.ts';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import { RemediationCard } from '../components/Remediation.tsx';
import {
  AssetLink,
  Card,
  PageHeader,
  PropertyTable,
  ProviderTag,
  RiskScore,
  SeverityBadge,
  StatusBadge,
} from '../components/ui.tsx';
import { findingsHref } from '../lib/filters.ts';
import { formatDateTime, formatReason, formatRelative } from '../lib/format.ts';

function EdgeTable({ edges }: { edges: EvidenceEdge[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>From</th>
          <th>Relation</th>
          <th>To</th>
        </tr>
      </thead>
      <tbody>
        {edges.map((e) => (
          <tr key={e.id ?? `${e.kind}|${e.from}|${e.to}`}>
            <td>
              <AssetLink id={e.from} />
            </td>
            <td>
              <span className="edge-kind">{e.kind}</span>
            </td>
            <td>
              <AssetLink id={e.to} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EvidenceCard({ evidence }: { evidence: FindingDetail['evidence'] }) {
  const { properties, edges, ...rest } = evidence ?? {};
  const hasProps = properties && Object.keys(properties).length > 0;
  const hasRest = Object.keys(rest).length > 0;
  return (
    <Card title="Evidence" className="evidence">
      <div data-testid="evidence">
        {!hasProps && !edges?.length && !hasRest ? <EmptyState title="No evidence recorded" /> : null}
        {hasProps ? <PropertyTable data={properties} /> : null}
        {hasRest ? <PropertyTable data={rest} /> : null}
        {edges?.length ? (
          <>
            <h3 className="subheading">Relationships</h3>
            <EdgeTable edges={edges} />
          </>
        ) : null}
      </div>
    </Card>
  );
}

function FrameworkMappings({ finding }: { finding: FindingDetail }) {
  const mappings = Object.entries(finding.rule?.mappings ?? {});
  return (
    <Card title="Framework mappings">
      {mappings.length === 0 && finding.controls.length === 0 ? (
        <EmptyState title="Not mapped to a framework" />
      ) : (
        <table className="table table--kv">
          <tbody>
            {mappings.map(([framework, controls]) => (
              <tr key={framework}>
                <th>{framework}</th>
                <td>
                  {controls.map((id) => (
                    <Link key={id} className="chip" to={findingsHref({ control: id })}>
                      {id}
                    </Link>
                  ))}
                </td>
              </tr>
            ))}
            {mappings.length === 0 ? (
              <tr>
                <th>Controls</th>
                <td>
                  {finding.controls.map((c) => (
                    <Link key={c} className="chip" to={findingsHref({ control: c })}>
                      {c}
                    </Link>
                  ))}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function SuppressionCard({ finding }: { finding: FindingDetail }) {
  const suppress = useSuppressFinding(finding.id);
  const unsuppress = useUnsuppressFinding(finding.id);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setFormError('Give a reason (at least 3 characters): it is kept in the audit history.');
      return;
    }
    setFormError(null);
    const input: { reason: string; until?: string } = { reason: reason.trim() };
    if (until) input.until = new Date(`${until}T23:59:59Z`).toISOString();
    suppress.mutate(input, { onSuccess: () => setReason('') });
  }

  if (finding.status === 'suppressed') {
    return (
      <Card title="Suppression">
        <dl className="meta">
          <dt>Reason</dt>
          <dd>{finding.suppressReason ?? '—'}</dd>
          <dt>By</dt>
          <dd>{finding.suppressedBy ?? '—'}</dd>
          <dt>Until</dt>
          <dd>{finding.suppressedUntil ? formatDateTime(finding.suppressedUntil) : 'indefinitely'}</dd>
        </dl>
        <button
          type="button"
          className="btn"
          disabled={unsuppress.isPending}
          onClick={() => unsuppress.mutate()}
        >
          {unsuppress.isPending ? 'Reopening…' : 'Unsuppress'}
        </button>
        {unsuppress.isError ? (
          <div className="alert alert--error">{errorMessage(unsuppress.error)}</div>
        ) : null}
      </Card>
    );
  }

  return (
    <Card title="Suppress">
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span className="field__label">Reason</span>
          <textarea
            name="reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Accepted risk: why, and who approved it"
          />
        </label>
        <label className="field">
          <span className="field__label">Expires (optional)</span>
          <input
            type="date"
            name="until"
            value={until}
            min={new Date().toISOString().slice(0, 10)}
            onChange={(e) => setUntil(e.target.value)}
          />
        </label>
        {formError ? <div className="alert alert--error">{formError}</div> : null}
        {suppress.isError ? <div className="alert alert--error">{errorMessage(suppress.error)}</div> : null}
        <button type="submit" className="btn" disabled={suppress.isPending}>
          {suppress.isPending ? 'Suppressing…' : 'Suppress finding'}
        </button>
      </form>
    </Card>
  );
}

function History({ finding }: { finding: FindingDetail }) {
  const history = finding.history ?? [];
  return (
    <Card title="History">
      {history.length === 0 ? (
        <EmptyState title="No status changes yet" />
      ) : (
        <ol className="timeline">
          {history.map((h) => (
            <li key={`${h.at}|${h.toStatus}`}>
              <span className="timeline__at">{formatDateTime(h.at)}</span>
              <span>
                {h.fromStatus ? <StatusBadge status={h.fromStatus} /> : <span className="muted">new</span>} →{' '}
                <StatusBadge status={h.toStatus} /> <span className="muted">by {h.actor}</span>
                {h.reason ? <div className="timeline__reason">{h.reason}</div> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function FindingView({ finding }: { finding: FindingDetail }) {
  return (
    <>
      <PageHeader
        title={
          <span className="title-with-badge">
            <SeverityBadge severity={finding.severity} />
            {finding.title}
          </span>
        }
        subtitle={
          <>
            <Link to="/findings">Findings</Link> / <span className="mono">{finding.ruleId}</span>
          </>
        }
        actions={<StatusBadge status={finding.status} />}
      />
      <div className="grid grid--wide-narrow">
        <div className="stack-lg">
          <Card title="Summary">
            <dl className="meta meta--grid">
              <dt>Asset</dt>
              <dd>
                <AssetLink id={finding.assetId} name={finding.assetName} />
              </dd>
              <dt>Cloud</dt>
              <dd>
                <ProviderTag provider={finding.provider} /> <span className="mono">{finding.accountId}</span>{' '}
                · <span className="mono">{finding.region}</span>
              </dd>
              <dt>Risk score</dt>
              <dd>
                <RiskScore score={finding.riskScore} reasons={finding.riskReasons ?? []} />
                {finding.riskReasons?.length ? (
                  <ul className="reasons" data-testid="risk-reasons">
                    {finding.riskReasons.map(formatReason).map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : null}
              </dd>
              <dt>First seen</dt>
              <dd>{formatDateTime(finding.firstSeenAt)}</dd>
              <dt>Last seen</dt>
              <dd>
                {formatDateTime(finding.lastSeenAt)}{' '}
                <span className="muted">({formatRelative(finding.lastSeenAt)})</span>
              </dd>
            </dl>
            {finding.rule?.rationale ? <p className="rationale">{finding.rule.rationale}</p> : null}
          </Card>
          <EvidenceCard evidence={finding.evidence} />
          <RemediationCard remediation={finding.rule?.remediation} provider={finding.provider} />
        </div>
        <div className="stack-lg">
          <SuppressionCard finding={finding} />
          <FrameworkMappings finding={finding} />
          {finding.rule?.references?.length ? (
            <Card title="References">
              <ul className="links">
                {finding.rule.references.map((r) => (
                  <li key={r}>
                    <a href={r} target="_blank" rel="noreferrer noopener">
                      {r}
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <History finding={finding} />
        </div>
      </div>
    </>
  );
}

export function FindingDetailPage() {
  const { id = '' } = useParams();
  const finding = useFinding(id);
  return <QueryState query={finding}>{(data) => <FindingView finding={data} />}</QueryState>;
}
