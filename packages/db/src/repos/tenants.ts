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

export async function findTenant(db: Db, slug: string): Promise<Tenant | null> {
  const t = await db.prisma.tenant.findUnique({ where: { slug } });
  return t ? { id: t.id, slug: t.slug, name: t.name } : null;
}
