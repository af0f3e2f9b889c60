import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { apiClient, errorMessage, setToken, unwrap, withToken } from '../api/client.ts';

/** Only same-app paths are honoured as a post-login destination (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [token, setTokenInput] = useState('');
  const [error, setError] = useState<string | null>(
    params.get('expired') ? 'Your session expired or the token was revoked. Sign in again.' : null,
  );
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Paste an API token.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unwrap(apiClient.GET('/api/v1/me', { headers: withToken(value) }), { ownToken: true });
      setToken(value);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login__card" onSubmit={submit}>
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>
          aispm
        </div>
        <p className="muted">AI security posture management. Sign in with an API token.</p>
        <label className="field">
          <span className="field__label">API token</span>
          <input
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setTokenInput(e.target.value)}
            placeholder="aispm_…"
            // biome-ignore lint/a11y/noAutofocus: the login page has a single field
            autoFocus
          />
        </label>
        {error ? (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="muted small">The token is kept only for this browser tab (session storage).</p>
      </form>
    </div>
  );
}
