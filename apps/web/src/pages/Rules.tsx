import { useSearchParams } from 'react-router';
import { useRules } from '../api/hooks.ts';
import type { Provider, Rule } from '../api/types.ts';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import { RemediationCard } from '../components/Remediation.tsx';
import { Card, PageHeader, ProviderTag, SeverityBadge } from '../components/ui.tsx';
import { providerLabel } from '../lib/format.ts';

const PROVIDERS: Provider[] = ['aws', 'azure', 'gcp'];

function isProvider(value: string | null): value is Provider {
  return value !== null && (PROVIDERS as string[]).includes(value);
}

function RuleRow({ rule }: { rule: Rule }) {
  const mappings = Object.entries(rule.mappings ?? {}).filter(([, ids]) => ids.length > 0);
  return (
    <details className="rule" data-testid="rule-row" data-rule-id={rule.id}>
      <summary className="rule__summary">
        <span className="rule__title">
          <strong>{rule.title}</strong>
          <span className="muted small mono">{rule.id}</span>
        </span>
        <SeverityBadge severity={rule.severity ?? 'medium'} />
        <span className="rule__providers">
          {(rule.providers ?? []).map((p) => (
            <ProviderTag key={p} provider={p} />
          ))}
        </span>
        {rule.enabledByDefault === false ? <span className="badge tone--muted">opt-in</span> : null}
      </summary>
      <div className="rule__body stack-lg">
        {rule.rationale ? <p className="rationale">{rule.rationale}</p> : null}
        <dl className="meta">
          <dt>Asset kinds</dt>
          <dd>{(rule.kinds ?? []).join(', ') || '—'}</dd>
          <dt>Risk concepts</dt>
          <dd>{(rule.concepts ?? []).join(', ') || '—'}</dd>
          {mappings.map(([framework, ids]) => (
            <div key={framework} className="meta__row">
              <dt className="mono">{framework}</dt>
              <dd className="mono">{ids.join(', ')}</dd>
            </div>
          ))}
          {rule.peers?.length ? (
            <>
              <dt>Peer checks</dt>
              <dd className="mono small">{rule.peers.join(', ')}</dd>
            </>
          ) : null}
        </dl>
        <div className="grid grid--3">
          {(rule.providers ?? []).map((p) => (
            <RemediationCard key={p} provider={p} remediation={rule.remediation?.[p]} />
          ))}
        </div>
      </div>
    </details>
  );
}

/** The rule catalog: every rule, the clouds it applies to and how to fix it on each. */
export function RulesPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('provider');
  const provider = isProvider(selected) ? selected : undefined;
  const rules = useRules(provider);
  return (
    <>
      <PageHeader
        title="Rules"
        subtitle="Every check aispm runs, the clouds it applies to, its framework mappings and remediation per cloud"
      />
      <fieldset className="segmented" aria-label="Filter by cloud">
        {[undefined, ...PROVIDERS].map((p) => (
          <button
            key={p ?? 'all'}
            type="button"
            className={p === provider ? 'is-active' : ''}
            aria-pressed={p === provider}
            onClick={() => setParams(p ? { provider: p } : {})}
          >
            {p ? providerLabel(p) : 'All clouds'}
          </button>
        ))}
      </fieldset>
      <QueryState query={rules} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title="No rules" />}>
        {(data) => (
          <Card
            title={
              <span data-testid="rule-count">
                {data.items.length} rules{provider ? ` for ${providerLabel(provider)}` : ''}
              </span>
            }
          >
            <div className="rules">
              {data.items.map((r) => (
                <RuleRow key={r.id} rule={r} />
              ))}
            </div>
          </Card>
        )}
      </QueryState>
    </>
  );
}
