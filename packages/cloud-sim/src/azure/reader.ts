import type { CloudContext } from '../handler.ts';
import { ARM_PAGE_SIZE, type ArmIndex, type ArmRoute, isPagedType, shortType } from './arm.ts';
import { armError, type Reply } from './errors.ts';
import type { ArmObject, AzureEstate } from './model.ts';

/**
 * A subscription as ARM answers it: the estate keeps `name` and `type` on every object for routing, but the
 * Subscriptions API's model has neither.
 */
function asServed(o: ArmObject): ArmObject {
  if (o.type !== 'Microsoft.Resources/subscriptions') return o;
  const { name: _name, type: _type, ...rest } = o;
  return rest as ArmObject;
}

/** Drops `properties` as `GET /subscriptions/{id}/resources` does without `$expand`. */
function genericResource(o: ArmObject): ArmObject {
  const { properties: _properties, ...rest } = o;
  return rest as ArmObject;
}

/** Whether scope `inner` is `outer` or lies below it (path-segment boundaries, lower-case ids). */
function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

function roleAssignmentScope(o: ArmObject): string {
  return String((o.properties as { scope?: string } | undefined)?.scope ?? '').toLowerCase();
}

/**
 * What ARM answers for a resolved read: the object, or a page of the collection (`value`, `nextLink`), or the
 * ARM error for an unknown type, a missing parent or a missing object.
 */
export function createArmReader(
  state: AzureEstate,
  index: ArmIndex,
  ctx: { faults: CloudContext['faults']; baseUrl: string },
): (route: Exclude<ArmRoute, { kind: 'invalid' }>, url: URL, operation: string) => Reply {
  const listFor = (route: Extract<ArmRoute, { kind: 'collection' }>, url: URL): ArmObject[] | Reply => {
    const type = route.type.toLowerCase();
    if (type === 'microsoft.resources/subscriptions') return state.subscriptions.map(asServed);
    if (type === 'microsoft.resources/tenants') {
      // The Tenants API's model (`TenantIdDescription`) has neither `name` nor `type`.
      const tenant = {
        id: `/tenants/${state.tenantId}`,
        tenantId: state.tenantId,
        tenantCategory: 'Home',
        displayName: 'Contoso AI',
        defaultDomain: 'contoso.example',
        domains: ['contoso.example'],
        tenantType: 'AAD',
      };
      return [tenant as unknown as ArmObject];
    }
    const sub = route.subscriptionId ?? '';
    if (type === 'microsoft.resources/resources') {
      const prefix = `${route.parent.toLowerCase()}/`;
      return state.resources
        .filter((o) => o.id.toLowerCase().startsWith(prefix) && 'location' in o && isTopLevel(o.id))
        .map(genericResource);
    }
    if (type === 'microsoft.authorization/roleassignments') {
      // Assignments at, above and below the scope (ARM's semantics without a filter).
      const scope = route.parent.toLowerCase();
      const filter = url.searchParams.get('$filter') ?? '';
      let list = index.ofType(route.type, sub).filter((o) => {
        const s = roleAssignmentScope(o);
        return isWithin(scope, s) || isWithin(s, scope);
      });
      if (/atScope\(\)/i.test(filter)) list = list.filter((o) => isWithin(scope, roleAssignmentScope(o)));
      const principal = /principalId eq '([^']+)'/i.exec(filter) ?? /assignedTo\('([^']+)'\)/i.exec(filter);
      if (principal)
        list = list.filter((o) => (o.properties as { principalId?: string }).principalId === principal[1]);
      return list;
    }
    if (type === 'microsoft.authorization/roledefinitions') {
      // Built-in definitions are visible at every scope in the subscription.
      const filter = url.searchParams.get('$filter') ?? '';
      const roleName = /roleName eq '([^']+)'/i.exec(filter);
      const defs = index.ofType(route.type, sub);
      return roleName
        ? defs.filter((o) => (o.properties as { roleName?: string }).roleName === roleName[1])
        : defs;
    }
    return index.collection(route.path);
  };

  const parentMissing = (route: Exclude<ArmRoute, { kind: 'invalid' }>): Reply | undefined => {
    if (route.subscriptionId !== undefined && !index.subscriptions.has(route.subscriptionId.toLowerCase())) {
      return armError(
        404,
        'SubscriptionNotFound',
        `The subscription '${route.subscriptionId}' could not be found.`,
      );
    }
    if (index.exists(route.parent)) return undefined;
    const rg = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/i.exec(route.path);
    if (rg && !index.exists(rg[0]))
      return armError(404, 'ResourceGroupNotFound', `Resource group '${rg[1]}' could not be found.`);
    return armError(
      404,
      'ParentResourceNotFound',
      `Can not perform requested operation on nested resource. Parent resource '${route.parent}' not found.`,
    );
  };

  const answer = (route: Exclude<ArmRoute, { kind: 'invalid' }>, url: URL, operation: string): Reply => {
    if (!index.knownTypes.has(route.type.toLowerCase())) {
      const [namespace] = route.type.split('/');
      return armError(
        400,
        'InvalidResourceType',
        `The resource type '${shortType(route.type)}' could not be found in the namespace '${namespace}' for api version '${url.searchParams.get('api-version')}'.`,
      );
    }
    const missing = parentMissing(route);
    if (missing) return missing;
    if (route.kind === 'object') {
      const found = index.byId.get(route.path.toLowerCase()) ?? tenantRoleDefinition(route);
      if (found) return { status: 200, body: asServed(found) };
      if (route.type.toLowerCase() === 'microsoft.resources/resourcegroups')
        return armError(404, 'ResourceGroupNotFound', `Resource group '${route.name}' could not be found.`);
      return armError(
        404,
        'ResourceNotFound',
        `The Resource '${shortType(route.type)}/${route.name}' under resource group '${resourceGroupOf(route.path)}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      );
    }
    const items = listFor(route, url);
    if (!Array.isArray(items)) return items;
    if (!isPagedType(route.type)) return { status: 200, body: { value: items } };
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const top = Number(url.searchParams.get('$top') ?? ARM_PAGE_SIZE);
    const size = Number.isInteger(top) && top > 0 ? Math.min(top, ARM_PAGE_SIZE) : ARM_PAGE_SIZE;
    const start = Number.isInteger(skip) && skip >= 0 ? skip : 0;
    const page = items.slice(start, start + size);
    const endless = ctx.faults.isEndless(operation);
    const nextStart = start + size < items.length ? start + size : endless ? 0 : undefined;
    const body: Record<string, unknown> = { value: page };
    if (nextStart !== undefined) {
      const next = new URL(route.path, ctx.baseUrl);
      for (const [k, v] of url.searchParams) if (k !== '$skiptoken') next.searchParams.append(k, v);
      next.searchParams.set('$skiptoken', String(nextStart));
      body.nextLink = next.toString();
    }
    return { status: 200, body };
  };

  const tenantRoleDefinition = (route: Extract<ArmRoute, { kind: 'object' }>): ArmObject | undefined => {
    if (route.type.toLowerCase() !== 'microsoft.authorization/roledefinitions' || route.parent !== '')
      return undefined;
    return state.resources.find(
      (o) => o.type === 'Microsoft.Authorization/roleDefinitions' && o.name === route.name,
    );
  };
  return answer;
}

function isTopLevel(id: string): boolean {
  return /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+$/i.test(id);
}

function resourceGroupOf(path: string): string {
  return /\/resourcegroups\/([^/]+)/i.exec(path)?.[1] ?? '';
}
