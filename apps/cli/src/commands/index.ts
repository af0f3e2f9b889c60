import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';
import { registerChanges } from './changes.ts';
import { registerDemo } from './demo.ts';
import { registerEvaluate } from './evaluate.ts';
import { registerExport } from './export.ts';
import { registerMigrate } from './migrate.ts';
import { registerPolicy } from './policy.ts';
import { registerScan } from './scan.ts';
import { registerSchedule } from './schedule.ts';
import { registerServe } from './serve.ts';
import { registerSim } from './sim.ts';
import { registerToken } from './token.ts';
import { registerWorker } from './worker.ts';

export function registerCommands(program: Command, config: AispmConfig): void {
  registerMigrate(program, config);
  registerSim(program);
  registerScan(program, config);
  registerWorker(program, config);
  registerEvaluate(program, config);
  registerExport(program, config);
  registerChanges(program, config);
  registerServe(program, config);
  registerDemo(program, config);
  registerSchedule(program, config);
  registerToken(program, config);
  registerPolicy(program, config);
}
