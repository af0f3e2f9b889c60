import { describe, expect, it } from 'vitest';
import { FOUNDRY_GROUNDED, POISONED_RETRIEVAL, REGISTRY_MCP } from '../scripts/fixtures-exfiltration.ts';
import { RULES, RuleGraph } from '../src/index.ts';

const rule = RULES.find((r) => r.id === 'aispm-agent-injection-exfiltration');

function verdictOn(f: (typeof POISONED_RETRIEVAL)['failing']) {
  return rule?.evaluate({ graph: new RuleGraph(f) }).find((v) => v.assetId === f.target);
}

describe('indirect injection through a knowledge base an outsider can write', () => {
  it('fails when the agent also holds a code interpreter with internet access, naming both halves', () => {
    const v = verdictOn(POISONED_RETRIEVAL.failing);
    expect(v?.status).toBe('fail');
    expect(v?.message).toContain('arn:aws:s3:::kb-docs retrieves documents that');
    expect(v?.message).toContain('tool with public network access');
    expect(v?.evidence.related).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::kb-docs',
        expect.stringContaining('code-interpreter-custom/ci-abc'),
      ]),
    );
  });

  it('passes when the interpreter is sandboxed: poisoned input, but no way out', () => {
    const v = verdictOn(POISONED_RETRIEVAL.passing);
    expect(v?.status).toBe('pass');
    expect(v?.message).toBe('Reads untrusted content but has no outbound channel');
  });
});

describe('indirect injection through web grounding (Azure AI Foundry)', () => {
  it('fails for an agent grounding on Bing that also holds an OpenAPI tool to an outside host', () => {
    const v = verdictOn(FOUNDRY_GROUNDED.failing);
    expect(v?.status).toBe('fail');
    expect(v?.message).toContain('/connections/bing-grounding grounds on web search results');
    expect(v?.message).toContain('tool sends agent-chosen requests to hooks.crm.example.com');
    expect(v?.evidence.related).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/connections/bing-grounding'),
        expect.stringContaining('/tools/openapi'),
      ]),
    );
  });

  it('passes its twin that grounds on Bing but only searches its own index', () => {
    const v = verdictOn(FOUNDRY_GROUNDED.passing);
    expect(v?.status).toBe('pass');
    expect(v?.message).toBe('Reads untrusted content but has no outbound channel');
  });
});

describe('indirect injection through MCP tools an Agent Registry binding reaches (GCP)', () => {
  it('fails for an agent whose bound MCP server can fetch web pages and send email, through the server', () => {
    const v = verdictOn(REGISTRY_MCP.failing);
    expect(v?.status).toBe('fail');
    expect(v?.message).toContain('/tools/fetch_url reads the open web');
    expect(v?.message).toContain(
      '/tools/send_email: tool sends agent-chosen requests to mcp.web-tools.example.com',
    );
    expect(v?.evidence.edges?.length).toBeGreaterThanOrEqual(2);
  });

  it('passes its twin whose server only reads the web and writes to a closed world', () => {
    const v = verdictOn(REGISTRY_MCP.passing);
    expect(v?.status).toBe('pass');
    expect(v?.message).toBe('Reads untrusted content but has no outbound channel');
  });
});
