import type { EdgeKind } from '@aispm/core';
import { externalPrincipalId } from '@aispm/core';
import { serviceAccountIdOfEmail } from '../asset.ts';

export const PRIMITIVE_ROLES = new Set(['roles/owner', 'roles/editor']);

/** What a predefined role grants over the resource it is bound on (basic and AI / storage roles). */
export function gcpRoleAccess(role: string): EdgeKind[] {
  if (PRIMITIVE_ROLES.has(role)) return ['can-admin'];
  if (role === 'roles/aiplatform.admin') return ['can-admin', 'can-invoke'];
  if (/^roles\/aiplatform\.(user|serviceAgent|predictor|endpointUser)$/.test(role)) return ['can-invoke'];
  if (/^roles\/storage\.(admin|objectAdmin)$/.test(role)) return ['can-read', 'can-write'];
  if (role === 'roles/storage.objectCreator') return ['can-write'];
  if (/^roles\/storage\.(objectViewer|legacyObjectReader)$/.test(role)) return ['can-read'];
  return [];
}

export type Principal = { id: string; external: boolean; member: string };

/**
 * The graph node a binding member stands for: a service account asset, or an external pseudo-principal for
 * `allUsers` / `allAuthenticatedUsers`. Users, groups and domains are people, not assets aispm models.
 */
export function principalOfMember(member: string, numberToId: Record<string, string>): Principal | undefined {
  if (member === 'allUsers' || member === 'allAuthenticatedUsers')
    return { id: externalPrincipalId('gcp', member), external: true, member };
  const sa = /^(?:deleted:)?serviceAccount:([^?]+)/.exec(member);
  if (sa?.[1] && !member.startsWith('deleted:')) {
    const id = serviceAccountIdOfEmail(sa[1], numberToId);
    return id ? { id, external: false, member } : undefined;
  }
  return undefined;
}
