/**
 * The one place that talks HTTP to the aispm API: base path, bearer token, error shape, 401 handling.
 * If the server's contract moves, adapt here and in hooks.ts only.
 */

export const API_BASE = '/api/v1';
const TOKEN_KEY = 'aispm.token';
export const UNAUTHORIZED_EVENT = 'aispm:unauthorized';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from a params object, dropping empty values so the server sees only real filters. */
export function queryString(params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Use this token instead of the stored one (login validates a token before storing it). */
  token?: string;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.token ?? getToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'Network Error', 'The API server cannot be reached.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const body = (payload ?? {}) as { error?: string; message?: string };
    const error = new ApiError(
      response.status,
      body.error ?? response.statusText,
      body.message ?? `Request failed with status ${response.status}`,
    );
    // A stale or revoked token: drop it and let the shell send the user back to the login page.
    if (response.status === 401 && options.token === undefined) {
      clearToken();
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    }
    throw error;
  }
  return payload as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError)
    return error.status ? `${error.status} ${error.error}: ${error.message}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
