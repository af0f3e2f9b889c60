import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import {
  useAccounts,
  useCreateAccount,
  useCreateToken,
  useMe,
  useRevokeToken,
  useTokens,
} from '../api/hooks.ts';
import {
  API_ROLES,
  type ApiRole,
  type ConnectAccountInput,
  type CreatedApiToken,
  type Provider,
} from '../api/types.ts';
import { EmptyState, QueryState } from '../components/QueryState.tsx';
import { Card, PageHeader, ProviderTag, StatusBadge } from '../components/ui.tsx';
import { formatDateTime, formatRelative } from '../lib/format.ts';
import { UsagePolicyCard } from './settings/UsagePolicy.tsx';

function Accounts() {
  const accounts = useAccounts();
  const create = useCreateAccount();
  const [provider, setProvider] = useState<Provider>('aws');
  const [externalId, setExternalId] = useState('');
  const [name, setName] = useState('');
  // Azure subscriptions are reached through their Entra tenant: the API requires it.
  const [azureTenant, setAzureTenant] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!externalId.trim() || !name.trim()) return;
    const base = { externalId: externalId.trim(), name: name.trim() };
    const input: ConnectAccountInput =
      provider === 'azure'
        ? { ...base, provider, connection: { tenantId: azureTenant.trim() } }
        : { ...base, provider };
    create.mutate(input, {
      onSuccess: () => {
        setExternalId('');
        setName('');
      },
    });
  }

  return (
    <Card title="Cloud accounts">
      <QueryState
        query={accounts}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No accounts connected" />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>Provider</th>
                <th>Account / subscription / project</th>
                <th>Name</th>
                <th>Status</th>
                <th>Added</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <ProviderTag provider={a.provider} />
                  </td>
                  <td className="mono">{a.externalId}</td>
                  <td>{a.name}</td>
                  <td>
                    <StatusBadge status={a.enabled === false ? 'disabled' : 'enabled'} />
                  </td>
                  <td className="muted">{formatRelative(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <form className="inline-form inline-form--spaced" onSubmit={submit}>
        <select
          value={provider}
          onChange={(e) => setProvider(e.target.value as Provider)}
          aria-label="Account provider"
        >
          <option value="aws">AWS</option>
          <option value="azure">Azure</option>
          <option value="gcp">GCP</option>
        </select>
        <input
          value={externalId}
          onChange={(e) => setExternalId(e.target.value)}
          placeholder="Account id / subscription id / project id"
          aria-label="External id"
          className="mono input--wide"
        />
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Display name"
          aria-label="Account name"
        />
        {provider === 'azure' ? (
          <input
            value={azureTenant}
            onChange={(e) => setAzureTenant(e.target.value)}
            placeholder="Entra tenant id (UUID)"
            aria-label="Entra tenant id"
            className="mono"
          />
        ) : null}
        <button
          type="submit"
          className="btn"
          disabled={create.isPending || !externalId.trim() || !name.trim()}
        >
          Add account
        </button>
      </form>
      {create.isError ? <div className="alert alert--error">{errorMessage(create.error)}</div> : null}
    </Card>
  );
}

function Tokens() {
  const me = useMe();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiRole>('analyst');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (token) => {
          setCreated(token);
          setName('');
        },
      },
    );
  }

  return (
    <Card title="API tokens">
      {created ? (
        <div className="alert alert--success" role="status" data-testid="new-token">
          <strong>Token “{created.name}” created.</strong> Copy it now: it will not be shown again.
          <pre className="code code--token">{created.token}</pre>
          <button type="button" className="btn btn--small" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      ) : null}
      <QueryState
        query={tokens}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No tokens" />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Prefix</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.items.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.name}{' '}
                    {t.id === me.data?.tokenId ? <span className="muted small">(this session)</span> : null}
                  </td>
                  <td>{t.role}</td>
                  <td className="mono">{t.prefix ?? ''}</td>
                  <td className="muted">{formatDateTime(t.createdAt)}</td>
                  <td className="muted">{formatRelative(t.lastUsedAt)}</td>
                  <td>
                    <StatusBadge status={t.revokedAt ? 'revoked' : 'active'} />
                  </td>
                  <td className="num">
                    {t.revokedAt ? null : (
                      <button
                        type="button"
                        className="btn btn--small btn--danger"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke token “${t.name}”? Clients using it will get 401.`)) {
                            revoke.mutate(t.id);
                          }
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <form className="inline-form inline-form--spaced" onSubmit={submit}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Token name"
          aria-label="Token name"
        />
        <select value={role} onChange={(e) => setRole(e.target.value as ApiRole)} aria-label="Token role">
          {API_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={create.isPending || !name.trim()}>
          Create token
        </button>
      </form>
      {create.isError ? <div className="alert alert--error">{errorMessage(create.error)}</div> : null}
      {revoke.isError ? <div className="alert alert--error">{errorMessage(revoke.error)}</div> : null}
    </Card>
  );
}

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" subtitle="Connected accounts, the AI usage policy and API access" />
      <Accounts />
      <UsagePolicyCard />
      <Tokens />
    </>
  );
}
