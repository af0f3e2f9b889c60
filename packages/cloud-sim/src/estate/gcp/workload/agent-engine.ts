import { aiplatform, CREATED, etag, UPDATED } from '../common.ts';
import { bind, inProject, serviceAccount } from '../project.ts';
import type { Bucket } from './buckets.ts';
import { encrypted, type Workload } from './index.ts';

/**
 * A Vertex AI Agent Engine agent (reasoning engine) over the workload's RAG bucket, running as a service account of
 * its own. Planted from the profile: outside a VPC where the workload's endpoint is public (no PSC interface), an
 * API key pasted into its environment where the workload's notebook leaks one too, Google-managed keys without
 * CMEK. Built last in the workload, from a fork of its RNG, so the workload's other resources keep their ids.
 */
export interface AgentEngine {
  /** The reasoning engine's resource name (`projects/{number}/locations/{l}/reasoningEngines/{id}`). */
  name: string;
  /** Its asset id. */
  id: string;
  /** The service account it runs as. */
  email: string;
}

export function agentEngine(wl: Workload, ragBucket: Bucket): AgentEngine {
  const { truth, put } = wl.proj.org;
  const { projectId, region, vertexParent } = wl.proj;
  const { prof, app, labels, encryptionSpec } = wl;
  const rng = wl.wrng.fork('agent-engine');
  const name = `${vertexParent}/reasoningEngines/${rng.digits(19).replace(/^0/, '1')}`;
  const privateNetwork = !prof.endpointPublic;
  const leaked = prof.notebookSecret;
  // One identity per agent (sharing one across agents is a finding of its own).
  const identity = serviceAccount(wl.proj, `${app}-agent`.slice(0, 30), `Agent Engine agent ${app}`);
  bind(wl.proj, 'roles/aiplatform.user', `serviceAccount:${identity.email}`);
  put(`${vertexParent}/reasoningEngines`, {
    name,
    displayName: `${app}-agent`,
    description: `Answers ${app} questions from its documents`,
    spec: {
      agentFramework: 'google-adk',
      serviceAccount: identity.email,
      containerSpec: {
        imageUri: `${region}-docker.pkg.dev/${projectId}/agents/${app}-agent:1.${rng.int(0, 9)}.0`,
      },
      deploymentSpec: {
        env: [
          { name: 'RAG_BUCKET', value: ragBucket.name },
          { name: 'LOG_LEVEL', value: 'INFO' },
          ...(leaked ? [{ name: 'OPENAI_API_KEY', value: `sk-proj-${rng.hex(40)}` }] : []),
        ],
        secretEnv: [
          {
            name: 'CRM_TOKEN',
            secretRef: { secret: `projects/${projectId}/secrets/${app}-crm-token`, version: 'latest' },
          },
        ],
        ...(privateNetwork
          ? {
              pscInterfaceConfig: {
                networkAttachment: `projects/${projectId}/regions/${region}/networkAttachments/agents`,
              },
            }
          : {}),
        minInstances: 1,
        maxInstances: 10,
      },
    },
    createTime: CREATED,
    updateTime: UPDATED,
    etag: etag(rng),
    labels,
    ...encryptionSpec,
  });
  const id = inProject(
    wl.proj,
    truth.asset(
      aiplatform(name),
      'agent',
      'aiplatform.googleapis.com/ReasoningEngine',
      projectId,
      region,
      `${app}-agent`,
    ),
  );
  truth.edge('runs-as', id, identity.id);
  encrypted(wl, id, `agent ${app}-agent`, 'low');
  if (!privateNetwork)
    truth.risk(
      id,
      'agent-runtime-public-network',
      'no PSC interface: the agent egresses through Google, unrestricted',
    );
  if (leaked)
    truth.risk(id, 'secret-in-agent-instructions', 'OPENAI_API_KEY holds an OpenAI key in plain env');
  if (privateNetwork && !leaked && wl.cmekAsset) truth.markClean(id);
  return { name, id, email: identity.email };
}
