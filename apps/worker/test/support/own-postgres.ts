import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const BIN = process.env.AISPM_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A Postgres cluster of the test's own (initdb in a temp folder, on its own port) that the test may restart and
 * kill, never the machine's shared server. Postgres refuses to run as root, so as root the cluster runs as the
 * `postgres` user.
 */
export class OwnPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'aispm-pg-'));
  private readonly data = join(this.dir, 'data');
  private readonly asPostgres = process.getuid?.() === 0;

  constructor(readonly port: number) {
    if (this.asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(this.dir, uid, gid);
    }
    this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
  }

  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): Promise<void> {
    return this.ctl(['start']);
  }

  /** `pg_ctl restart -m fast`: every connection is terminated (57P01), the server comes back at once. */
  restartFast(): Promise<void> {
    return this.ctl(['restart', '-m', 'fast']);
  }

  /** kill -9 of the postmaster: the server is gone until `startAfterCrash`. */
  crash(): void {
    const pid = Number(readFileSync(join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
  }

  /** Starts the crashed server once its orphaned backends are gone (they notice their postmaster died). */
  async startAfterCrash(): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        await this.start();
        return;
      } catch (error) {
        if (i >= 50) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async stop(): Promise<void> {
    await this.ctl(['stop', '-m', 'immediate']).catch(() => {}); // already down
    rmSync(this.dir, { recursive: true, force: true });
  }

  private ctl(args: string[]): Promise<void> {
    return this.runAsync('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`,
      ...args,
    ]);
  }

  private async runAsync(tool: string, args: string[]): Promise<void> {
    const bin = join(BIN, tool);
    if (this.asPostgres) await execFileAsync('runuser', ['-u', 'postgres', '--', bin, ...args]);
    else await execFileAsync(bin, args);
  }

  private run(tool: string, args: string[]): void {
    const bin = join(BIN, tool);
    if (this.asPostgres) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
    else execFileSync(bin, args, { stdio: 'pipe' });
  }
}
