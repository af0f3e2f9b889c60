import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { SimRequest } from '../handler.ts';
import type { AzureEstate } from './model.ts';

/** Access tokens live an hour, as AAD's do; the SDK refreshes a few minutes before expiry. */
const TOKEN_LIFETIME_SECONDS = 3599;

/** Tokens the token endpoint issued: the ARM side accepts nothing else. */
export class IssuedTokens {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number; scope: string }>();

  issue(clientId: string, scope = ''): string {
    const token = `sim.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { clientId, expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000, scope });
    return token;
  }

  /** The scope the token was requested for (its audience). */
  scopeOf(token: string): string | undefined {
    return this.tokens.get(token)?.scope;
  }

  /** The client the bearer token was issued to, or undefined when it is unknown or expired. */
  verify(token: string): string | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.clientId;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store, no-cache',
  });
  res.end(text);
}

/** AAD's error shape (`AADSTS…` codes) so MSAL surfaces a proper authentication error. */
function aadError(
  res: ServerResponse,
  status: number,
  error: string,
  code: number,
  description: string,
): void {
  json(res, status, {
    error,
    error_description: `AADSTS${code}: ${description}`,
    error_codes: [code],
    timestamp: new Date().toISOString().replace('T', ' ').replace(/\..*/, 'Z'),
    trace_id: '00000000-0000-0000-0000-000000000000',
    correlation_id: '00000000-0000-0000-0000-000000000000',
  });
}

/**
 * The slice of the Microsoft identity platform (v2.0) that MSAL's client-credential flow uses: OIDC
 * metadata, instance discovery, and the token endpoint. Returns false when the path is not an AAD path.
 */
export async function handleAad(
  req: SimRequest,
  res: ServerResponse,
  state: AzureEstate,
  tokens: IssuedTokens,
  baseUrl: string,
): Promise<boolean> {
  const path = req.url.pathname;
  if (/^\/[^/]+\/discovery\/instance$/.test(path) || /^\/[^/]+\/discovery\/v2\.0\/instance$/.test(path)) {
    const host = new URL(baseUrl).host;
    json(res, 200, {
      tenant_discovery_endpoint: `${baseUrl}/${state.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
    return true;
  }
  const metadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
  if (metadata) {
    const tenant = decodeURIComponent(metadata[1] as string);
    if (!knownTenant(state, tenant)) {
      aadError(res, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
      return true;
    }
    const root = `${baseUrl}/${tenant}`;
    json(res, 200, {
      token_endpoint: `${root}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${baseUrl}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${baseUrl}/${state.tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
      authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${root}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid'],
      kerberos_endpoint: `${root}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: new URL(baseUrl).host,
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    });
    return true;
  }
  const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
  if (tokenPath) {
    if (req.method !== 'POST') {
      aadError(res, 405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
      return true;
    }
    const tenant = decodeURIComponent(tokenPath[1] as string);
    if (!knownTenant(state, tenant)) {
      aadError(res, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
      return true;
    }
    const form = new URLSearchParams(req.body.toString('utf8'));
    let clientId = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? '';
    const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (basic) {
      const [u = '', p = ''] = Buffer.from(basic[1] as string, 'base64')
        .toString('utf8')
        .split(':');
      clientId ||= decodeURIComponent(u);
      secret ||= decodeURIComponent(p);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      aadError(res, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
      return true;
    }
    if (!form.get('scope')) {
      aadError(
        res,
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
      return true;
    }
    const app = state.apps.find((a) => a.clientId === clientId);
    if (!app) {
      aadError(
        res,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory.`,
      );
      return true;
    }
    if (app.clientSecret !== secret) {
      aadError(res, 401, 'invalid_client', 7000215, 'Invalid client secret provided.');
      return true;
    }
    json(res, 200, {
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: tokens.issue(clientId, form.get('scope') ?? ''),
    });
    return true;
  }
  return false;
}

function knownTenant(state: AzureEstate, tenant: string): boolean {
  return tenant === state.tenantId || tenant === 'organizations' || tenant === 'common';
}
