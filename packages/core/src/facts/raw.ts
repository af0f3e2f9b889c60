/**
 * Readers for raw provider properties, used where facts are derived from them (`deriveFacts`). Provider-neutral
 * names win; AWS API field names (camelCase, as the AWS connector stores them per MODEL.md) are the fallback.
 */

export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The first of the paths that is set, with the path it came from (for evidence). */
export function pick(obj: unknown, ...paths: string[]): { path: string; value: unknown } | undefined {
  for (const p of paths) {
    const value = get(obj, p);
    if (value !== undefined && value !== null) return { path: p, value };
  }
  return undefined;
}

/** AWS spells booleans many ways: true, 'Enabled', 'ENABLED', 'true'. */
export function truthy(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (['enabled', 'true', 'yes', 'on'].includes(s)) return true;
    if (['disabled', 'false', 'no', 'off', 'none'].includes(s)) return false;
  }
  return undefined;
}

export function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

const REDACTED = /«redacted:([a-z0-9-]+)»/gi;

/** Secret detectors that fired in the asset's text fields: the connector's `secretFindings` or `«redacted:…»` markers. */
export function secretDetections(
  properties: Record<string, unknown>,
  fields?: string[],
): { field: string; detector: string }[] {
  const found: { field: string; detector: string }[] = [];
  const declared = properties.secretFindings;
  if (Array.isArray(declared)) {
    for (const f of declared) {
      if (f && typeof f === 'object') {
        const rec = f as Record<string, unknown>;
        found.push({
          field: String(rec.field ?? rec.path ?? 'unknown'),
          detector: String(rec.detector ?? rec.type ?? 'secret'),
        });
      } else if (typeof f === 'string') found.push({ field: 'unknown', detector: f });
    }
  }
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(REDACTED)) found.push({ field: path, detector: m[1] ?? 'secret' });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (k !== 'secretFindings') walk(x, path ? `${path}.${k}` : k);
    }
  };
  // The connector's own list is authoritative; markers are the fallback for connectors that only redact.
  if (found.length > 0) return found;
  if (fields) for (const f of fields) walk(get(properties, f), f);
  else walk(properties, '');
  return found;
}

export interface PolicyStatement {
  effect: string;
  actions: string[];
  resources: string[];
  notActions: boolean;
  source: string;
}

/**
 * Allow/Deny statements anywhere in an identity's properties (inline policies, attached managed policy
 * documents, a connector's pre-digested `statements`), whatever the nesting.
 */
export function policyStatements(
  properties: Record<string, unknown>,
  skip: string[] = [
    'assumeRolePolicyDocument',
    'trustPolicy',
    'permissionsBoundary',
    'bucketPolicy',
    'keyPolicy',
  ],
): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const list = (v: unknown): string[] =>
    Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string' && v.trimStart().startsWith('{') && v.includes('Statement')) {
      try {
        walk(JSON.parse(v), path);
      } catch {
        // not a policy document after all
      }
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const rec = v as Record<string, unknown>;
    const effect = rec.Effect ?? rec.effect;
    const action = rec.Action ?? rec.action ?? rec.actions;
    const notAction = rec.NotAction ?? rec.notAction;
    if (typeof effect === 'string' && (action !== undefined || notAction !== undefined)) {
      out.push({
        effect,
        actions: list(action ?? notAction),
        resources: list(rec.Resource ?? rec.resource ?? rec.resources ?? '*'),
        notActions: action === undefined,
        source: path,
      });
      return;
    }
    for (const [k, x] of Object.entries(rec)) {
      if (skip.includes(k)) continue;
      walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(properties, '');
  return out;
}

/** Managed policy names attached to an identity (AWS `attachedManagedPolicies`, or a neutral `policyNames`). */
export function attachedPolicyNames(properties: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const key of ['attachedManagedPolicies', 'attachedPolicies', 'policyNames']) {
    const v = properties[key];
    if (!Array.isArray(v)) continue;
    for (const p of v) {
      if (typeof p === 'string') names.push(p.split('/').pop() ?? p);
      else if (p && typeof p === 'object') {
        const rec = p as Record<string, unknown>;
        const name =
          rec.policyName ??
          rec.PolicyName ??
          rec.name ??
          (typeof (rec.policyArn ?? rec.arn) === 'string'
            ? String(rec.policyArn ?? rec.arn)
                .split('/')
                .pop()
            : undefined);
        if (typeof name === 'string') names.push(name);
      }
    }
  }
  return names;
}

/** Environment variable names of a container/function: AWS keeps names only (values are never stored). */
export function environmentNames(container: unknown): string[] {
  const env =
    get(container, 'environment') ??
    get(container, 'environmentVariableNames') ??
    get(container, 'environmentNames');
  if (Array.isArray(env)) return env.map(String);
  if (env && typeof env === 'object') {
    const vars = (env as Record<string, unknown>).variables ?? (env as Record<string, unknown>).names;
    if (Array.isArray(vars)) return vars.map(String);
    if (vars && typeof vars === 'object') return Object.keys(vars);
    return Object.keys(env);
  }
  return [];
}
