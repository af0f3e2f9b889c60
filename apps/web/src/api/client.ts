/**
 * The one place that talks HTTP to the aispm API: the typed client generated from the API's OpenAPI document
 * (generated/openapi.ts), the bearer token, the error shape and 401 handling.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi.ts';

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

/** Set when the API refused the stored token: a 401 before the shell listens still ends on "session expired". */
let refused = false;

/** Whether the stored token was dropped because the API refused it (since the last login). */
export function tokenWasRefused(): boolean {
  return refused;
}

export function setToken(token: string): void {
  refused = false;
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

/** Sends the stored token unless the call brings its own (login checks a token before storing it). */
const bearer: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/** The typed API client: paths, parameters, bodies and responses are those of the OpenAPI document. */
export const apiClient = createClient<paths>({
  baseUrl: '',
  headers: { accept: 'application/json' },
  querySerializer: (query) => queryString(query as Record<string, QueryValue>).slice(1),
});
apiClient.use(bearer);

/** The bearer header of a call made with a token other than the stored one. */
export const withToken = (token: string) => ({ authorization: `Bearer ${token}` });

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful answer; otherwise an ApiError with the API's `{error, message}`. A 401 on the stored
 * token (stale or revoked) drops it and tells the shell to send the user back to the login page; `ownToken`: the
 * call sent a token of its own (withToken), whose refusal leaves the session alone.
 */
export async function unwrap<T>(call: Promise<Answer<T>>, options: { ownToken?: boolean } = {}): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'Network Error', 'The API server cannot be reached.');
  }
  const { response } = answer;
  if (response.ok) return answer.data as T;
  const body = (typeof answer.error === 'object' && answer.error ? answer.error : {}) as {
    error?: string;
    message?: string;
  };
  if (response.status === 401 && !options.ownToken) {
    refused = true;
    clearToken();
    window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  }
  throw new ApiError(
    response.status,
    body.error ?? response.statusText,
    body.message ?? `Request failed with status ${response.status}`,
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError)
    return error.status ? `${error.status} ${error.error}: ${error.message}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
