import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, apiFixture, bearer } from './helpers.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(async () => {
  await f?.close();
});

const URL = '/api/v1/ai-usage-policy';

describe('the AI usage policy over the API', () => {
  it('answers "none set" with how to set one, then keeps every change as a new, audited version', async () => {
    const get = async (token: string) => (await f.app.inject({ url: URL, headers: bearer(token) })).json();
    const none = await get(f.home.tokens.auditor);
    expect(none).toMatchObject({ configured: false, version: null, policy: {}, createdBy: null });
    expect(none.howToSet).toMatch(/aispm policy set/);

    const policy = {
      approvedRegions: ['eu-*', 'westeurope'],
      aiAccounts: ['111111111111'],
      requiredOwnerTags: ['owner'],
    };
    const put = await f.app.inject({
      method: 'PUT',
      url: URL,
      headers: bearer(f.home.tokens.admin),
      payload: policy,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      configured: true,
      version: 1,
      policy,
      createdBy: expect.stringMatching(/^token:/),
    });
    expect(await get(f.home.tokens.analyst)).toMatchObject({ configured: true, version: 1, policy });
    // Tenants are apart: the other tenant still has none.
    expect(await get(f.foreign.tokens.admin)).toMatchObject({ configured: false, version: null });

    const cleared = await f.app.inject({
      method: 'PUT',
      url: URL,
      headers: bearer(f.home.tokens.admin),
      payload: {},
    });
    expect(cleared.json()).toMatchObject({ configured: false, version: 2, policy: {} });

    const audit = await f.app.inject({ url: '/api/v1/audit-log', headers: bearer(f.home.tokens.admin) });
    const actions = (audit.json().items as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'usage-policy.set')).toHaveLength(2);
  });

  it('refuses a malformed policy with the field named, and keeps the version in force', async () => {
    const before = (await f.app.inject({ url: URL, headers: bearer(f.home.tokens.admin) })).json();
    for (const payload of [
      { approvedRegions: ['eu west'] },
      { approvedRegions: 'eu-*' },
      { approvedVendors: ['openai'] },
      { requiredOwnerTags: [''] },
    ]) {
      const res = await f.app.inject({
        method: 'PUT',
        url: URL,
        headers: bearer(f.home.tokens.admin),
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().message).toMatch(/^body/);
    }
    const after = (await f.app.inject({ url: URL, headers: bearer(f.home.tokens.admin) })).json();
    expect(after.version).toBe(before.version);
  });
});
