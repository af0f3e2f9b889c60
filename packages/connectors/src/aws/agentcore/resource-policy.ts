import {
  type BedrockAgentCoreControlClient,
  GetResourcePolicyCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { isNotFoundError } from '../../shared/retry.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { AwsFetchEnv } from '../service.ts';

/**
 * A resource-based policy as GetResourcePolicy returned it: `policy` undefined when the resource has none
 * (ResourceNotFoundException). The read itself is undefined when it was denied (a gap).
 */
export interface RawResourcePolicy {
  policy?: string;
}

/**
 * A resource-based policy read (GetResourcePolicy, AgentCore's or Bedrock's): `{}` when the resource has none
 * (ResourceNotFoundException), undefined when the read was denied (recorded as a gap).
 */
export function readResourcePolicy(
  env: AwsFetchEnv,
  resourceArn: string,
  read: () => Promise<string | undefined>,
): Promise<RawResourcePolicy | undefined> {
  return env.gaps.item('GetResourcePolicy', resourceArn, async (): Promise<RawResourcePolicy> => {
    try {
      const policy = await read();
      return policy ? { policy } : {};
    } catch (error) {
      if (isNotFoundError(error, 'ResourceNotFoundException')) return {};
      throw error;
    }
  });
}

/** Resource types AWS's developer guide names for resource policies after the SDK's own doc comment did. */
const NEWER_POLICY_HOLDER = /:(memory\/|runtime\/[^/]+\/runtime-endpoint\/)/;

/**
 * AgentCore's GetResourcePolicy, for every resource type that carries one (runtimes, runtime endpoints, gateways,
 * memories): one operation keyed by the resource ARN. The SDK (3.1149.0) still documents it for runtimes and
 * gateways only: a region that refuses an endpoint's or memory's ARN as invalid (ValidationException) leaves that
 * policy unknown, a gap like a denied read, instead of failing the whole AgentCore read.
 */
export function agentCorePolicyReader(
  env: AwsFetchEnv,
  client: BedrockAgentCoreControlClient,
): (resourceArn: string) => Promise<RawResourcePolicy | undefined> {
  return (resourceArn) =>
    readResourcePolicy(env, resourceArn, async () => {
      try {
        const out = await client.send(new GetResourcePolicyCommand({ resourceArn }));
        return out.policy;
      } catch (error) {
        if (
          (error as { name?: string }).name === 'ValidationException' &&
          NEWER_POLICY_HOLDER.test(resourceArn)
        )
          throw Object.assign(new Error(`GetResourcePolicy not supported for ${resourceArn}`), {
            name: 'UnsupportedOperationException',
            cause: error,
          });
        throw error;
      }
    });
}

/**
 * A resource-based policy as the graph keeps it: the parsed document (a property, which the access analysis
 * evaluates for other accounts and everyone) and the principals its Allow statements name (`*` for everyone),
 * a fact. Unread (GetResourcePolicy denied), neither is set and the read's gap marks the fact unknown.
 */
export function resourcePolicyOf(read: RawResourcePolicy | undefined): {
  properties: { resourcePolicy?: unknown };
  facts: { resourcePolicyPrincipals?: string[] };
} {
  if (!read) return { properties: {}, facts: {} };
  const document = parsePolicyDocument(read.policy);
  return {
    properties: { resourcePolicy: document },
    facts: { resourcePolicyPrincipals: allowedPrincipals(document) },
  };
}

function allowedPrincipals(document: unknown): string[] {
  const statements = (document as { Statement?: unknown } | undefined)?.Statement;
  const out = new Set<string>();
  for (const st of (Array.isArray(statements) ? statements : statements ? [statements] : []) as Record<
    string,
    unknown
  >[]) {
    if (st?.Effect !== 'Allow') continue;
    if (st.NotPrincipal !== undefined || st.Principal === '*') out.add('*');
    const aws = (st.Principal as { AWS?: unknown } | undefined)?.AWS;
    for (const p of Array.isArray(aws) ? aws : [aws]) if (typeof p === 'string') out.add(p);
  }
  return [...out].sort();
}
