import type { Command } from 'commander';
import { registerMigrate } from './migrate.ts';
import { registerSim } from './sim.ts';

export function registerCommands(program: Command): void {
  registerMigrate(program);
  registerSim(program);
}
