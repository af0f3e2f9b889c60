import type { Db } from '../client.ts';

export const DEFAULT_TENANT_SLUG = 'default';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
}

/** The tenant with this slug, created on first use. */
export async function ensureTenant(db: Db, slug = DEFAULT_TENANT_SLUG, name = 'Default'): Promise<Tenant> {
  const tenant = await db.prisma.tenant.upsert({
    where: { slug },
    update: {},
    create: { slug, name },
  });
  return { id: tenant.id, slug: tenant.slug, name: tenant.name };
}
