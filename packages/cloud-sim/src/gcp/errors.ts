/** Google API errors: `google.rpc.Status` in JSON, and Cloud Storage's older `errors[]` shape. */

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'UNIMPLEMENTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};
const STORAGE_REASONS: Record<number, string> = {
  400: 'invalid',
  401: 'required',
  403: 'forbidden',
  404: 'notFound',
  405: 'methodNotAllowed',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

/** Google API error (`google.rpc.Status` in JSON); Cloud Storage's JSON API uses its older `errors[]` shape. */
export function googleError(
  status: number,
  message: string,
  storage = false,
  headers?: Record<string, string>,
): Reply {
  if (storage) {
    return {
      status,
      headers,
      body: {
        error: {
          code: status,
          message,
          errors: [{ message, domain: 'global', reason: STORAGE_REASONS[status] ?? 'unknown' }],
        },
      },
    };
  }
  return {
    status,
    headers,
    body: { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } },
  };
}

/** 429 in the form each API uses, with the retry hint the limiter computed. */
export function quotaExceeded(operation: string, storage: boolean | undefined, retryAfterMs: number): Reply {
  const service = operation.split(':')[0];
  const message = storage
    ? 'The project exceeded the rate limit for read operations.'
    : `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per region' of service '${service}.googleapis.com'.`;
  return googleError(429, message, storage, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
  });
}

/**
 * The API is not enabled in the project: 403 PERMISSION_DENIED carrying an `ErrorInfo` detail whose reason is
 * SERVICE_DISABLED, as Google answers before the API has been turned on.
 */
export function serviceDisabled(
  operation: string,
  projectId: string | undefined,
  storage: boolean | undefined,
): Reply {
  const service = `${operation.split(':')[0]}.googleapis.com`;
  const consumer = `projects/${projectId ?? 'unknown'}`;
  const message = `${service} API has not been used in project ${projectId ?? 'unknown'} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/${service}/overview?project=${projectId ?? ''} then retry.`;
  const reply = googleError(403, message, storage);
  const error = (reply.body as { error: Record<string, unknown> }).error;
  error.details = [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'SERVICE_DISABLED',
      domain: 'googleapis.com',
      metadata: { service, consumer },
    },
  ];
  if (storage) error.errors = [{ message, domain: 'usageLimits', reason: 'accessNotConfigured' }];
  return reply;
}
