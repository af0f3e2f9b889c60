import { assetId } from '@aispm/core';
import type { GcpObject } from '../../../gcp/model.ts';
import { CREATED, UPDATED } from '../common.ts';
import { inProject } from '../project.ts';
import type { AgentEngine } from './agent-engine.ts';
import type { Workload } from './index.ts';

const REGISTRY = 'agentregistry.googleapis.com';
export const MCP_SERVER_TYPE = `${REGISTRY}/McpServer`;
export const MCP_TOOL_TYPE = `${REGISTRY}/McpServer/Tool`;

/** An MCP tool as Agent Registry lists it: name, description and the MCP tool annotations (hints). */
interface ToolSpec {
  name: string;
  description: string;
  readOnlyHint: boolean;
  openWorldHint: boolean;
  destructiveHint?: boolean;
}

interface ServerSpec {
  key: string;
  displayName: string;
  url: string;
  tools: ToolSpec[];
  /** Bound with an auth provider (managed OAuth), or with none: the agent calls it without a credential. */
  auth: boolean;
}

/**
 * The workload's Agent Engine agent in Agent Registry, its MCP servers and the bindings that let it call them.
 * `exfil`: a web-tools server with an open-world read tool (fetch a URL: untrusted content in) and an open-world
 * write tool (send an email: data out) — the indirect-injection exfiltration pair — plus a CRM bridge bound without
 * any auth provider. `twin`: the same shape with closed-world or read-only tools only, every binding authenticated.
 */
export function agentRegistry(wl: Workload, engine: AgentEngine, variant: 'exfil' | 'twin'): void {
  const { truth, put } = wl.proj.org;
  const { projectNumber, region, vertexParent } = wl.proj;
  const { app } = wl;
  const rng = wl.wrng.fork('agent-registry');
  const engineId = engine.name.split('/').pop() as string;
  const agentId = `urn:agent:projects-${projectNumber}:projects:${projectNumber}:locations:${region}:reasoningEngines:${engineId}`;
  put(`${vertexParent}/agents`, {
    name: `${vertexParent}/agents/${app}-agent-${rng.hex(8)}`,
    agentId,
    uid: rng.hex(32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
    displayName: `${app}-agent`,
    description: `Answers ${app} questions from its documents`,
    location: region,
    version: '1.0.0',
    protocols: [
      {
        type: 'A2A',
        protocolVersion: '0.3.0',
        interfaces: [
          {
            protocolBinding: 'JSONRPC',
            url: `https://${region}-aiplatform.googleapis.com/v1/${engine.name}/a2a`,
          },
        ],
      },
    ],
    skills: [
      { id: 'answer', name: 'Answer questions', description: `Answers ${app} questions`, tags: [app] },
    ],
    attributes: {
      [`${REGISTRY}/system/Framework`]: { framework: 'google-adk' },
      [`${REGISTRY}/system/RuntimeIdentity`]: {
        principal: `principal://iam.googleapis.com/projects/-/serviceAccounts/${engine.email}`,
      },
      [`${REGISTRY}/system/RuntimeReference`]: { uri: `//aiplatform.googleapis.com/${engine.name}` },
    },
    createTime: CREATED,
    updateTime: UPDATED,
  });
  const servers = serverSpecs(app, variant);
  for (const s of servers) {
    const server = mcpServer(wl, s, rng.hex(8));
    put(`${vertexParent}/mcpServers`, server.object);
    put(`${vertexParent}/bindings`, {
      name: `${vertexParent}/bindings/${app}-${s.key}`,
      displayName: `${app}-agent → ${s.displayName}`,
      source: { identifier: agentId },
      target: { identifier: server.object.mcpServerId },
      ...(s.auth
        ? {
            authProviderBinding: {
              authProvider: `${vertexParent}/authProviders/${app}-${s.key}-oauth`,
              scopes: ['openid', 'email'],
            },
          }
        : {}),
      createTime: CREATED,
      updateTime: UPDATED,
    });
    truth.edge('uses-tool', engine.id, server.id);
    if (s.auth) truth.markClean(server.id);
    else
      truth.risk(
        server.id,
        'mcp-server-no-auth',
        `agent ${app}-agent is bound to ${s.displayName} (${s.url}) with no auth provider`,
      );
  }
  if (variant === 'twin') {
    // The twin also calls Google's own BigQuery MCP server, registered in the project's global location: the
    // binding is regional (where the agent is), its target global, and Google's server takes the caller's IAM.
    const bigQuery = googleManagedBigQuery(wl);
    put(`${vertexParent}/bindings`, {
      name: `${vertexParent}/bindings/${app}-bigquery`,
      displayName: `${app}-agent → BigQuery`,
      source: { identifier: agentId },
      target: { identifier: bigQuery.urn },
      createTime: CREATED,
      updateTime: UPDATED,
    });
    truth.edge('uses-tool', engine.id, bigQuery.id);
  }
  if (variant === 'exfil')
    truth.risk(
      engine.id,
      'agent-injection-exfiltration',
      `agent ${app}-agent fetches web pages and can send email through ${app}-web-tools`,
    );
}

/** The MCP servers the workload's agent is bound to: the exfiltration pair and an unauthenticated bridge, or the twin's. */
function serverSpecs(app: string, variant: 'exfil' | 'twin'): ServerSpec[] {
  return variant === 'exfil'
    ? [
        {
          key: 'web-tools',
          displayName: `${app}-web-tools`,
          url: `https://mcp.${app}-tools.example.com/mcp`,
          auth: true,
          tools: [
            {
              name: 'fetch_url',
              description: 'Fetches a web page',
              readOnlyHint: true,
              openWorldHint: true,
            },
            {
              name: 'send_email',
              description: 'Sends an email to any address',
              readOnlyHint: false,
              openWorldHint: true,
              destructiveHint: false,
            },
          ],
        },
        {
          key: 'crm-bridge',
          displayName: `${app}-crm-bridge`,
          url: `https://crm-bridge.${app}.example.com/mcp`,
          auth: false,
          tools: [
            {
              name: 'lookup_account',
              description: 'Reads a CRM account',
              readOnlyHint: true,
              openWorldHint: false,
            },
          ],
        },
      ]
    : [
        {
          key: 'docs-tools',
          displayName: `${app}-docs-tools`,
          url: `https://mcp.${app}-docs.example.com/mcp`,
          auth: true,
          tools: [
            {
              name: 'search_docs',
              description: 'Searches the team documents',
              readOnlyHint: true,
              openWorldHint: false,
            },
            {
              name: 'create_ticket',
              description: 'Files a ticket in the team queue',
              readOnlyHint: false,
              openWorldHint: false,
              destructiveHint: false,
            },
          ],
        },
      ];
}

const bigQueryPlanted = new WeakSet<object>();

/**
 * Google's remote MCP server for BigQuery as Agent Registry lists it once the BigQuery API is on: registered by Google
 * in the project's `global` location, once per project. Listing datasets is read-only and closed-world, running SQL
 * writes but stays inside BigQuery (closed-world): neither brings outside content in nor sends data out.
 */
function googleManagedBigQuery(wl: Workload): { id: string; urn: string } {
  const { truth, put } = wl.proj.org;
  const { projectId, projectNumber } = wl.proj;
  const parent = `projects/${projectNumber}/locations/global`;
  const name = `${parent}/mcpServers/bigquery`;
  const urn = `urn:mcp:googleapis.com:projects:${projectNumber}:bigquery`;
  const id = assetId('gcp', name, REGISTRY);
  if (bigQueryPlanted.has(wl.proj)) return { id, urn };
  bigQueryPlanted.add(wl.proj);
  const tools: ToolSpec[] = [
    {
      name: 'list_dataset_ids',
      description: 'Lists the datasets of a project',
      readOnlyHint: true,
      openWorldHint: false,
    },
    {
      name: 'execute_sql',
      description: 'Runs a SQL query in BigQuery',
      readOnlyHint: false,
      openWorldHint: false,
      destructiveHint: true,
    },
  ];
  put(`${parent}/mcpServers`, {
    name,
    mcpServerId: urn,
    displayName: 'BigQuery',
    description: 'Google-managed remote MCP server for BigQuery',
    interfaces: [{ protocolBinding: 'STREAMABLE_HTTP', url: 'https://bigquery.googleapis.com/mcp' }],
    tools: tools.map((t) => ({ name: t.name, description: t.description, annotations: annotationsOf(t) })),
    createTime: CREATED,
    updateTime: UPDATED,
  });
  inProject(wl.proj, truth.asset(id, 'mcp-server', MCP_SERVER_TYPE, projectId, 'global', 'BigQuery'));
  truth.markClean(id);
  recordTools(wl, id, 'BigQuery', 'global', tools);
  return { id, urn };
}

/** A tool's MCP annotations as Agent Registry serves them. */
function annotationsOf(t: ToolSpec): GcpObject {
  return {
    title: t.name.replace(/_/g, ' '),
    readOnlyHint: t.readOnlyHint,
    openWorldHint: t.openWorldHint,
    ...(t.destructiveHint !== undefined ? { destructiveHint: t.destructiveHint } : {}),
    ...(t.readOnlyHint ? {} : { idempotentHint: false }),
  };
}

/** One MCP server object and its manifest side: the server, each tool, uses-tool from the server to each. */
function mcpServer(wl: Workload, s: ServerSpec, suffix: string): { object: GcpObject; id: string } {
  const { truth } = wl.proj.org;
  const { projectId, projectNumber, region, vertexParent } = wl.proj;
  const name = `${vertexParent}/mcpServers/${s.key}-${suffix}`;
  const object: GcpObject = {
    name,
    mcpServerId: `urn:mcp:projects-${projectNumber}:projects:${projectNumber}:locations:${region}:agentregistry:services:${wl.app}-${s.key}`,
    displayName: s.displayName,
    description: `MCP server ${s.displayName}`,
    interfaces: [{ protocolBinding: 'STREAMABLE_HTTP', url: s.url }],
    tools: s.tools.map((t) => ({ name: t.name, description: t.description, annotations: annotationsOf(t) })),
    createTime: CREATED,
    updateTime: UPDATED,
  };
  const id = inProject(
    wl.proj,
    truth.asset(
      assetId('gcp', name, REGISTRY),
      'mcp-server',
      MCP_SERVER_TYPE,
      projectId,
      region,
      s.displayName,
    ),
  );
  recordTools(wl, id, s.displayName, region, s.tools);
  return { object, id };
}

/** A server's tools in the manifest: each an agent-tool in the project, reached from the server, clean itself. */
function recordTools(
  wl: Workload,
  serverId: string,
  serverName: string,
  region: string,
  tools: ToolSpec[],
): void {
  const { truth } = wl.proj.org;
  for (const t of tools) {
    const tool = inProject(
      wl.proj,
      truth.asset(
        `${serverId}/tools/${t.name}`,
        'agent-tool',
        MCP_TOOL_TYPE,
        wl.proj.projectId,
        region,
        `${serverName}/${t.name}`,
      ),
    );
    truth.edge('uses-tool', serverId, tool);
    truth.markClean(tool);
  }
}
