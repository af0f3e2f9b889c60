import { useState } from 'react';
import { API_BASE, ApiError, errorMessage, getToken, type QueryValue, queryString } from '../api/client.ts';

export interface DownloadItem {
  /** What the menu says, e.g. "SARIF 2.1.0". */
  label: string;
  /** An export route under /api/v1, e.g. `/exports/findings.sarif`. */
  path: string;
  query?: Record<string, QueryValue>;
}

function filenameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

/**
 * Fetches the export with the session's token (a plain link could not send it) and hands the bytes to the
 * browser as a file download, unchanged.
 */
async function download(item: DownloadItem): Promise<void> {
  const token = getToken();
  const response = await fetch(`${API_BASE}${item.path}${queryString(item.query)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(response.status, body.error ?? response.statusText, body.message ?? 'export failed');
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filenameOf(response, item.path.split('/').pop() ?? 'export');
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start reading the blob before it is released.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** "Download ▾": the page's exports, with the page's filters (admin and auditor tokens may export). */
export function DownloadMenu({ items }: { items: readonly DownloadItem[] }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details className="download-menu" data-testid="download-menu">
      <summary className="btn">Download</summary>
      <div className="download-menu__list" role="menu">
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            className="btn btn--ghost"
            disabled={busy !== null}
            onClick={async () => {
              setBusy(item.label);
              setError(null);
              try {
                await download(item);
              } catch (e) {
                setError(errorMessage(e));
              } finally {
                setBusy(null);
              }
            }}
          >
            {busy === item.label ? `${item.label}…` : item.label}
          </button>
        ))}
      </div>
      {error ? (
        <p className="alert alert--error small" role="alert">
          {error}
        </p>
      ) : null}
    </details>
  );
}

/** The findings exports, all honouring the list's filters. */
export function findingDownloads(query: Record<string, QueryValue>): DownloadItem[] {
  return [
    { label: 'SARIF 2.1.0', path: '/exports/findings.sarif', query },
    { label: 'OCSF 1.8.0 (JSON Lines)', path: '/exports/findings.ocsf.jsonl', query },
    { label: 'CSV', path: '/exports/findings.csv', query },
    { label: 'JSON', path: '/exports/findings.json', query },
  ];
}
