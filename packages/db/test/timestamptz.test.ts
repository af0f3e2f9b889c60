import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';
import { timestamptzMillis, timestamptzParser } from '../src/timestamptz.ts';

/**
 * pg's general timestamptz parser, which the fast reader must agree with on every input. Imported from postgres-date
 * itself: pg's own table already holds the fast reader once the db package is loaded.
 */
const general = createRequire(import.meta.url)('postgres-date') as (text: string) => unknown;
const fast = timestamptzParser(general);
const asMillis = (v: unknown) => (v instanceof Date ? v.getTime() : v);

describe('reading timestamptz text', () => {
  it('reads every fraction length and offset form exactly as pg does', () => {
    const fractions = ['', '.1', '.12', '.123', '.1234', '.123456', '.999999', '.000001'];
    const offsets = ['+00', '-00', '+05:30', '-08', '+14', '-03:30:15', '+00:00:01'];
    const days = [
      '1970-01-01 00:00:00',
      '2026-12-07 15:40:51',
      '1999-12-31 23:59:59',
      '2024-02-29 12:00:00',
      '9999-12-31 23:59:59',
      '1000-01-01 00:00:00',
    ];
    let checked = 0;
    for (const day of days)
      for (const fraction of fractions)
        for (const offset of offsets) {
          const text = `${day}${fraction}${offset}`;
          expect(timestamptzMillis(text), text).toBeTypeOf('number');
          expect(asMillis(fast(text)), text).toBe(asMillis(general(text)));
          checked++;
        }
    expect(checked).toBe(days.length * fractions.length * offsets.length);
  });

  it('hands every other shape to the general parser, which reads it as before', () => {
    const others = [
      'infinity',
      '-infinity',
      '0050-06-01 00:00:00+00', // Date.UTC would read year 50 as 1950
      '0999-06-01 00:00:00+00',
      '2020-01-01 00:00:00+00 BC',
      '12020-01-01 00:00:00+00',
      '2020-01-01 00:00:00.+00',
      '2020-01-01 00:00:00+0',
      '2020-01-01 00:00:00+00:',
      '2020-01-01 00:00:00+00:00:00:00',
      '2020-01-01 00:00:00Z',
      '2020-01-01T00:00:00+00',
      '2020-01-01',
      '',
    ];
    for (const text of others) {
      expect(timestamptzMillis(text), text).toBeUndefined();
      const a = asMillis(fast(text));
      const b = asMillis(general(text));
      expect(Number.isNaN(a) ? 'NaN' : a, text).toEqual(Number.isNaN(b) ? 'NaN' : b);
    }
  });
});

describe('timestamptz read back from Postgres', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('is the same instant in whatever time zone the session shows it', async () => {
    const instants = [
      '2026-12-07T15:40:51.123Z',
      '1970-01-01T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '1901-12-13T20:45:52.000Z',
    ];
    // Kolkata and Chatham have offsets in minutes; Amsterdam in 1901 one in seconds (+00:19:32).
    for (const zone of [
      'UTC',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'Europe/Amsterdam',
    ]) {
      const rows = await t.db.session(async (s) => {
        await s.execute(`SET TIME ZONE '${zone}'`);
        try {
          return await s.query<{ at: Date; text: string }>(
            'SELECT v::timestamptz AS at, v::timestamptz::text AS text FROM unnest($1::text[]) AS v',
            [instants],
          );
        } finally {
          await s.execute('RESET TIME ZONE');
        }
      });
      expect(
        rows.map((r) => r.at.toISOString()),
        zone,
      ).toEqual(instants);
      // The session really showed them in its zone (so the offsets above were read, not only +00).
      expect(
        rows.some((r) => !r.text.endsWith('+00')),
        zone,
      ).toBe(zone !== 'UTC');
    }
  });
});
