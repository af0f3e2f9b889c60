import {
  type Connector,
  FAN_OUT,
  type ScanPhase,
  type ServiceModule,
  WAITED_ON_FAN_OUT,
} from '@aispm/connectors';
import type { ScanTaskKey } from '@aispm/db';
import { isDiscoverTask } from './jobs.ts';

/**
 * The order a connector's services run in: phases, narrowed by `ServiceModule.after`. Checked when the scan
 * machinery starts, so a misnamed or later-phase dependency is a start-up error, not a scan that never ends.
 */
export function checkServiceOrder(connector: Connector): void {
  const byName = new Map(connector.services.map((s) => [s.service, s]));
  for (const module of connector.services) {
    if (module.after === undefined) continue;
    if (module.after.length === 0)
      throw new Error(`${connector.provider} ${module.service}: \`after\` names no service (leave it unset)`);
    for (const name of module.after) {
      const dependency = byName.get(name);
      if (!dependency)
        throw new Error(`${connector.provider} ${module.service}: \`after\` names unknown ${name}`);
      if (dependency.phase >= module.phase)
        throw new Error(
          `${connector.provider} ${module.service} (phase ${module.phase}): \`after\` names ${name}, which runs in phase ${dependency.phase}, not before`,
        );
    }
  }
}

/** The phase a task runs in (0 for discovery and for what discovery could not cover). */
export function phaseOfTask(connector: Connector, task: ScanTaskKey): ScanPhase | 0 {
  if (isDiscoverTask(task)) return 0;
  return connector.services.find((s) => s.service === task.service)?.phase ?? 0;
}

/** The services of phases up to `phase`: all of them must have settled for that phase to be complete. */
export function servicesThrough(connector: Connector, phase: number): string[] {
  return connector.services.filter((s) => s.phase <= phase).map((s) => s.service);
}

/** The services that start once `service` (and the rest of their `after` list) has settled. */
export function dependentsOf(connector: Connector, service: string): ServiceModule[] {
  return connector.services.filter((s) => s.after?.includes(service));
}

/** How wide a service's tasks fan out: wider for one that later services wait on (see WAITED_ON_FAN_OUT). */
export function fanOutOf(connector: Connector, module: ServiceModule): number {
  return dependentsOf(connector, module.service).length > 0 ? WAITED_ON_FAN_OUT : FAN_OUT;
}

/**
 * Where in the scan a service's tasks read the graph: its phase, or the services it waits for when it starts
 * early. Organisation-wide reads are shared only between tasks reading at the same point (see GraphViews).
 */
export function readStageOf(module: ServiceModule): string {
  return module.after ? `${module.phase} after ${[...module.after].sort().join(',')}` : String(module.phase);
}
