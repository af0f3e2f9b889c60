import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useMe, useSetUsagePolicy, useUsagePolicy } from '../../api/hooks.ts';
import type { AiUsagePolicy } from '../../api/types.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { Card } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';

const FIELDS = [
  {
    key: 'approvedModels',
    label: 'Approved models',
    placeholder: 'anthropic.claude-3-5-sonnet*, gpt-4o*, meta-llama/*',
    hint: 'Models that may be deployed, by their maker-given id; empty: any model',
  },
  {
    key: 'approvedRegions',
    label: 'Approved regions',
    placeholder: 'eu-*, westeurope, europe-west4',
    hint: 'Regions / locations AI may run in; empty: any region',
  },
  {
    key: 'aiAccounts',
    label: 'AI accounts',
    placeholder: '111111111111, ml-prod-*',
    hint: 'Accounts, subscriptions and projects allowed to run AI; empty: any',
  },
  {
    key: 'requiredOwnerTags',
    label: 'Owner tags',
    placeholder: 'owner, team',
    hint: 'Every AI resource must carry one of these tags (labels); empty: not required',
  },
] as const satisfies readonly {
  key: keyof AiUsagePolicy;
  label: string;
  placeholder: string;
  hint: string;
}[];

type Draft = Record<(typeof FIELDS)[number]['key'], string>;

/** One comma-separated field per policy list (empty when the list is absent). */
function draftOf(policy: AiUsagePolicy): Draft {
  return Object.fromEntries(FIELDS.map(({ key }) => [key, (policy[key] ?? []).join(', ')])) as Draft;
}

/** Comma-separated entries as a policy list; an empty field leaves the list out (it rules nothing out). */
function policyOf(draft: Draft): AiUsagePolicy {
  const policy: AiUsagePolicy = {};
  for (const { key } of FIELDS) {
    const list = draft[key]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (list.length > 0) policy[key] = list;
  }
  return policy;
}

/** The AI usage policy shadow AI is judged against: shown to every reader, changed by admins. */
export function UsagePolicyCard() {
  const state = useUsagePolicy();
  const save = useSetUsagePolicy();
  const me = useMe();
  const [draft, setDraft] = useState<Draft>(() => draftOf({}));
  const version = state.data?.version ?? null;
  // The form starts from the version in force, and again whenever a new one is.
  useEffect(() => {
    if (state.data) setDraft(draftOf(state.data.policy));
  }, [state.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(policyOf(draft));
  }

  return (
    <Card title="AI usage policy (shadow AI)">
      <QueryState query={state}>
        {(data) =>
          data.configured ? (
            <p className="muted" data-testid="usage-policy-status">
              Version {data.version} in force, set by {data.createdBy} {formatDateTime(data.createdAt)}. AI
              outside it is reported as shadow AI from the next evaluation on.
            </p>
          ) : (
            <div className="alert" data-testid="usage-policy-status">
              No AI usage policy is configured, so no shadow-AI check runs
              {version ? ` (version ${version} rules nothing out)` : ''}. Set approved models, regions, AI
              accounts or owner tags below, or run <code>pnpm aispm policy set policy.json</code>.
            </div>
          )
        }
      </QueryState>
      <form className="policy-form" onSubmit={submit}>
        {FIELDS.map((f) => (
          <label key={f.key} className="policy-form__field">
            <span>{f.label}</span>
            <input
              value={draft[f.key]}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
              placeholder={f.placeholder}
              aria-label={f.label}
            />
            <span className="muted small">{f.hint}</span>
          </label>
        ))}
        <button type="submit" className="btn" disabled={save.isPending || me.data?.role !== 'admin'}>
          Save as a new version
        </button>
        {me.data && me.data.role !== 'admin' ? (
          <span className="muted small">Only an admin token can change the policy.</span>
        ) : null}
      </form>
      {save.isError ? <div className="alert alert--error">{errorMessage(save.error)}</div> : null}
    </Card>
  );
}
