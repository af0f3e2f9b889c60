import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_VARIABLES,
  ConfigError,
  ConfigSchema,
  DEFAULT_DATABASE_URL,
  loadConfig,
} from '../src/config.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The rows of the README's Configuration table. */
function configurationRows(): string[] {
  const section = README.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  return section.split('\n').filter((line) => line.startsWith('| `'));
}

describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: DEFAULT_DATABASE_URL,
      REDIS_URL: 'redis://127.0.0.1:6379',
      AISPM_QUEUE_PREFIX: 'aispm',
      PORT: 8080,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      AISPM_DEBUG: false,
      AISPM_DEFAULT_SCHEDULE: false,
    });
    expect(config.AISPM_CLOUDS).toBeUndefined();
    expect(config.AISPM_TENANT).toBeUndefined();
  });

  it('parses lists, numbers and switches, treats empty as unset and ignores other variables', () => {
    const config = loadConfig({
      AISPM_CLOUDS: 'aws, gcp',
      AISPM_AWS_REGIONS: 'eu-central-1,,ap-southeast-2',
      AISPM_WORKER_CONCURRENCY: '8',
      REDIS_URL: 'none',
      AISPM_DEFAULT_SCHEDULE: '1',
      AISPM_TENANT: '',
      HOME: '/root',
    });
    expect(config.AISPM_CLOUDS).toEqual(['aws', 'gcp']);
    expect(config.AISPM_AWS_REGIONS).toEqual(['eu-central-1', 'ap-southeast-2']);
    expect(config.AISPM_WORKER_CONCURRENCY).toBe(8);
    expect(config.REDIS_URL).toBeNull();
    expect(config.AISPM_DEFAULT_SCHEDULE).toBe(true);
    expect(config.AISPM_TENANT).toBeUndefined();
    expect(config).not.toHaveProperty('HOME');
  });

  it('refuses invalid values with an error naming every offending variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        AISPM_CLOUDS: 'aws,oracle',
        AISPM_ACCOUNT_CONCURRENCY: '0',
        AISPM_DB: 'sqlite',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const variable of ['PORT', 'AISPM_CLOUDS', 'AISPM_ACCOUNT_CONCURRENCY', 'AISPM_DB'])
      expect(message).toContain(`${variable}: `);
    expect((error as ConfigError).issues.map((i) => i.variable).sort()).toEqual([
      'AISPM_ACCOUNT_CONCURRENCY',
      'AISPM_CLOUDS',
      'AISPM_DB',
      'PORT',
    ]);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL: must be a redis:\/\/ URL/);
  });
});

describe("the README's Configuration table", () => {
  const rows = configurationRows();
  const documented = new Set(
    rows.flatMap((row) => [...row.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
  );

  it('lists every configuration variable', () => {
    expect(rows.length).toBeGreaterThan(10);
    expect(CONFIG_VARIABLES.filter((v) => !documented.has(v))).toEqual([]);
  });

  it('lists no AISPM_ variable the configuration does not read', () => {
    const known = new Set<string>(CONFIG_VARIABLES);
    expect([...documented].filter((v) => v?.startsWith('AISPM_') && !known.has(v))).toEqual([]);
  });

  it('shows the default of every variable that has one', () => {
    const defaults = loadConfig({});
    for (const variable of CONFIG_VARIABLES) {
      const value = defaults[variable];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const row = rows.find((r) => r.includes(`\`${variable}\``));
      expect(row, `${variable} row`).toContain(`\`${value}\``);
    }
    // The check above covered the variables with a default: none is left out silently.
    expect(
      CONFIG_VARIABLES.filter((v) => ConfigSchema.shape[v].safeParse(undefined).data !== undefined),
    ).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'REDIS_URL',
        'PORT',
        'HOST',
        'LOG_LEVEL',
        'AISPM_QUEUE_PREFIX',
      ]),
    );
  });
});
