import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type FaultDecision, sendWithFault } from '../faults.ts';
import type { AwsAccount, AwsEstate, AwsRegionState } from './model.ts';

/** The wire protocols the simulated services speak, named as in the Smithy models. */
export type AwsProtocol = 'restJson' | 'json1.0' | 'json1.1' | 'query' | 'restXml';

/** An error a handler throws; each protocol renders it in its own format. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Query protocol's `<Type>`: Sender for client faults, Receiver for server faults. */
    readonly faultType: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The caller, resolved from the SigV4 credential scope. */
export interface AwsCaller {
  accessKeyId: string;
  account: AwsAccount;
  region: string;
  /** The signing name from the scope (`bedrock`, `sagemaker`, `s3` …). */
  service: string;
}

/** What an operation handler gets. */
export interface OpContext {
  estate: AwsEstate;
  caller: AwsCaller;
  /** This account's resources in the caller's region (empty lists for regions the estate does not use). */
  regional: AwsRegionState;
  /** Query-string parameters (REST protocols) or form fields (Query protocol). */
  params: URLSearchParams;
  /** Parsed JSON body (JSON / REST-JSON protocols), {} when empty. */
  input: Record<string, unknown>;
  /** Path parameters captured by the route. */
  path: Record<string, string>;
  /** `service:Operation`, e.g. `sagemaker:ListEndpoints`: the name faults and rate limits use. */
  operation: string;
  endless: boolean;
}

const SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** Parses `Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, …`. */
export function parseSigV4(
  authorization: string | undefined,
): { accessKeyId: string; region: string; service: string } | undefined {
  if (!authorization?.startsWith('AWS4-HMAC-SHA256')) return undefined;
  const m = SCOPE.exec(authorization);
  if (!m) return undefined;
  return { accessKeyId: m[1] as string, region: m[3] as string, service: m[4] as string };
}

export function requestId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

let requestCounter = 0;
function nextRequestId(): string {
  requestCounter++;
  return requestId(`aispm-sim-${requestCounter}`);
}

/** Writes a successful response, with the fault decision applied. */
export function sendOk(
  res: ServerResponse,
  protocol: AwsProtocol,
  body: string,
  fault: FaultDecision,
  extraHeaders: Record<string, string> = {},
): void {
  const id = nextRequestId();
  const headers: Record<string, string> = {
    'content-type': contentType(protocol),
    'x-amzn-requestid': id,
    ...(protocol === 'restXml' ? { 'x-amz-request-id': id, 'x-amz-id-2': id } : {}),
    ...extraHeaders,
  };
  sendWithFault(res, 200, headers, body, fault);
}

function contentType(protocol: AwsProtocol): string {
  switch (protocol) {
    case 'restJson':
      return 'application/json';
    case 'json1.0':
      return 'application/x-amz-json-1.0';
    case 'json1.1':
      return 'application/x-amz-json-1.1';
    default:
      return 'text/xml';
  }
}

/** Writes an error in the protocol's own format (the SDK maps `code` to its exception class). */
export function sendError(
  res: ServerResponse,
  protocol: AwsProtocol,
  err: AwsError,
  fault: FaultDecision = 'none',
): void {
  const id = nextRequestId();
  const headers: Record<string, string> = { 'x-amzn-requestid': id, ...err.headers };
  let body: string;
  switch (protocol) {
    case 'restJson':
      headers['content-type'] = 'application/json';
      headers['x-amzn-errortype'] = err.code;
      body = JSON.stringify({ message: err.message });
      break;
    case 'json1.0':
    case 'json1.1':
      headers['content-type'] = contentType(protocol);
      headers['x-amzn-errortype'] = err.code;
      body = JSON.stringify({ __type: err.code, message: err.message });
      break;
    case 'query':
      headers['content-type'] = 'text/xml';
      body =
        `<ErrorResponse><Error><Type>${err.faultType}</Type><Code>${escapeXml(err.code)}</Code>` +
        `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`;
      break;
    case 'restXml':
      headers['content-type'] = 'application/xml';
      headers['x-amz-request-id'] = id;
      body =
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(err.code)}</Code>` +
        `<Message>${escapeXml(err.message)}</Message><RequestId>${id}</RequestId><HostId>${id}</HostId></Error>`;
      break;
  }
  sendWithFault(res, err.status, headers, body, fault);
}

/** The throttling error each protocol's SDK classifies as throttling (and retries with back-off). */
export function throttlingError(protocol: AwsProtocol, service: string, retryAfterMs?: number): AwsError {
  const headers: Record<string, string> = retryAfterMs
    ? { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) }
    : {};
  switch (protocol) {
    case 'query':
      return new AwsError('Throttling', 400, 'Rate exceeded', 'Sender', headers);
    case 'restXml':
      return new AwsError('SlowDown', 503, 'Please reduce your request rate.', 'Receiver', headers);
    case 'restJson':
      return new AwsError('ThrottlingException', 429, 'Rate exceeded', 'Sender', headers);
    default:
      return service === 'organizations'
        ? new AwsError('TooManyRequestsException', 400, 'Rate exceeded', 'Sender', headers)
        : new AwsError('ThrottlingException', 400, 'Rate exceeded', 'Sender', headers);
  }
}

export function internalError(protocol: AwsProtocol): AwsError {
  if (protocol === 'restXml')
    return new AwsError('InternalError', 500, 'We encountered an internal error. Please try again.');
  if (protocol === 'query') return new AwsError('ServiceFailure', 500, 'Service failure', 'Receiver');
  return new AwsError(
    protocol === 'restJson' ? 'InternalServerException' : 'InternalFailure',
    500,
    'Internal failure',
  );
}

export function accessDenied(
  protocol: AwsProtocol,
  caller: AwsCaller | undefined,
  operation: string,
): AwsError {
  const who = caller ? `arn:aws:sts::${caller.account.Id}:assumed-role/caller` : 'anonymous';
  const message = `User: ${who} is not authorized to perform: ${operation}`;
  if (protocol === 'query' || protocol === 'restXml') return new AwsError('AccessDenied', 403, message);
  return new AwsError('AccessDeniedException', protocol === 'restJson' ? 403 : 400, message);
}

/**
 * An operation the endpoint does not know (or that is not available in this region), in each protocol's form:
 * REST-XML services answer 501 NotImplemented, Query services 400 InvalidAction, JSON services
 * UnknownOperationException.
 */
export function unknownOperation(protocol: AwsProtocol): AwsError {
  if (protocol === 'restXml')
    return new AwsError(
      'NotImplemented',
      501,
      'A header or query you provided implies functionality that is not implemented',
    );
  if (protocol === 'query')
    return new AwsError(
      'InvalidAction',
      400,
      'The action or operation requested is invalid. Verify that the action is typed correctly.',
    );
  return new AwsError('UnknownOperationException', protocol === 'restJson' ? 404 : 400, 'Unknown operation');
}

export function missingAuth(protocol: AwsProtocol): AwsError {
  if (protocol === 'restXml') return new AwsError('AccessDenied', 403, 'Access Denied');
  return new AwsError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
}

export function unknownKey(protocol: AwsProtocol): AwsError {
  if (protocol === 'restXml')
    return new AwsError(
      'InvalidAccessKeyId',
      403,
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  if (protocol === 'query')
    return new AwsError(
      'InvalidClientTokenId',
      403,
      'The security token included in the request is invalid.',
    );
  return new AwsError(
    'UnrecognizedClientException',
    403,
    'The security token included in the request is invalid.',
  );
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | XmlValue[]
  | { [key: string]: XmlValue };

/**
 * Renders a value as XML children. Arrays become `<member>` items (Query protocol lists) unless `flatItem`
 * names the repeated element; objects become nested elements; undefined / null are omitted.
 */
export function toXml(value: XmlValue, listItem = 'member'): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return value.map((v) => `<${listItem}>${toXml(v, listItem)}</${listItem}>`).join('');
  if (typeof value === 'object') {
    let out = '';
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      out += `<${k}>${toXml(v, listItem)}</${k}>`;
    }
    return out;
  }
  return escapeXml(String(value));
}

export function isoTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}

const MAX_PAGE = 5;

/**
 * A page of a list, with deliberately small pages (at most 5 items, whatever the caller asked) so that
 * paging code is exercised. Tokens are opaque offsets. With `endless`, every page names a next token, and
 * past the end the last page repeats: a scanner must notice it is not progressing.
 */
export function paginate<T>(
  items: readonly T[],
  token: string | undefined | null,
  requested: number | undefined,
  endless = false,
  maxPage = MAX_PAGE,
): { page: T[]; next: string | undefined } {
  let start = 0;
  if (token) {
    const decoded = Number.parseInt(Buffer.from(token, 'base64url').toString('utf8').replace(/^p:/, ''), 10);
    if (!Number.isFinite(decoded) || decoded < 0)
      throw new AwsError('ValidationException', 400, 'Invalid pagination token');
    start = decoded;
  }
  const size = Math.max(1, Math.min(maxPage, requested && requested > 0 ? requested : maxPage));
  if (endless && start >= items.length) start = Math.max(0, items.length - size);
  const page = items.slice(start, start + size);
  const end = start + page.length;
  const next = end < items.length || endless ? Buffer.from(`p:${end}`).toString('base64url') : undefined;
  return { page, next };
}

export function numberParam(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
