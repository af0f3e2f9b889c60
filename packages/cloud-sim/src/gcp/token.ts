import { randomBytes } from 'node:crypto';
import type { SimRequest } from '../handler.ts';
import type { Reply } from './errors.ts';
import type { GcpEstate } from './model.ts';

const TOKEN_LIFETIME_SECONDS = 3599;

/**
 * The OAuth token endpoint: refresh-token grants from the scanner's OAuth client, and service-account JWT
 * bearer grants from a known account. Issued tokens go into `tokens` (token → expiry in epoch ms).
 */
export function handleToken(state: GcpEstate, tokens: Map<string, number>, req: SimRequest): Reply {
  if (req.method !== 'POST')
    return { status: 405, body: { error: 'invalid_request', error_description: 'POST required' } };
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (grant === 'refresh_token') {
    const c = state.oauthClient;
    if (form.get('client_id') !== c.clientId || form.get('client_secret') !== c.clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
      };
    }
    if (form.get('refresh_token') !== c.refreshToken) {
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      };
    }
  } else if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    // Service-account JWTs: the issuer must be a known account (signatures are not checked).
    const claims = decodeJwtClaims(form.get('assertion') ?? '');
    const known = Object.values(state.serviceAccounts)
      .flat()
      .some((a) => a.email === claims?.iss);
    if (!known)
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
  } else {
    return {
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant ?? ''}` },
    };
  }
  const token = `ya29.sim-${randomBytes(24).toString('base64url')}`;
  tokens.set(token, Date.now() + TOKEN_LIFETIME_SECONDS * 1000);
  return {
    status: 200,
    body: {
      access_token: token,
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    },
  };
}

function decodeJwtClaims(jwt: string): { iss?: string } | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string };
  } catch {
    return undefined;
  }
}
