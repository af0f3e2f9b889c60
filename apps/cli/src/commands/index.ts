import type { Command } from 'commander';
import { registerDemo } from './demo.ts';
import { registerEvaluate } from './evaluate.ts';
import { registerExport } from './export.ts';
import { registerMigrate } from './migrate.ts';
import { registerScan } from './scan.ts';
import { registerSchedule } from './schedule.ts';
import { registerServe } from './serve.ts';
import { registerSim } from './sim.ts';
import { registerToken } from './token.ts';
import { registerWorker } from './worker.ts';

export function registerCommands(program: Command): void {
  registerMigrate(program);
  registerSim(program);
  registerScan(program);
  registerWorker(program);
  registerEvaluate(program);
  registerExport(program);
  registerServe(program);
  registerDemo(program);
  registerSchedule(program);
  registerToken(program);
}
