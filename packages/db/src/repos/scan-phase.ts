import type { Sql } from '../client.ts';
import { countInt, textArray } from '../kysely.ts';
import { SETTLED_TASK_STATUSES } from './scans.ts';

/**
 * Whether every task of a provider's phase (the phase's services) has settled. Asked after every task: one count
 * in the database, where listing the provider's tasks moved ~17,000 rows per task for a 1,000-account scan.
 */
export async function phaseTasksSettled(
  sql: Sql,
  scanId: string,
  provider: string,
  services: readonly string[],
): Promise<boolean> {
  if (services.length === 0) return true;
  const row = await sql.kysely
    .selectFrom('scan_tasks')
    .select(countInt().as('open'))
    .where('scan_id', '=', scanId)
    .where('provider', '=', provider)
    .where((eb) => eb('service', '=', eb.fn.any(textArray([...services]))))
    .where('status', 'not in', [...SETTLED_TASK_STATUSES])
    .executeTakeFirst();
  return (row?.open ?? 0) === 0;
}
