import type { Command } from 'commander';
import { registerMigrate } from './migrate.ts';

export function registerCommands(program: Command): void {
  registerMigrate(program);
}
