import type { AiAccount } from './ai-account.ts';
import type { AgentProject } from './foundry-agents.ts';
import type { Workload } from './index.ts';

/** Classic and prompt agents alike: `Microsoft.CognitiveServices/accounts/projects/agents`. */
export const AGENT_TYPE = 'Microsoft.CognitiveServices/accounts/projects/agents';
export const TOOL_TYPE = `${AGENT_TYPE}/tools`;

/**
 * One Foundry agent in the manifest, classic or prompt: in its project, on the account's chat deployment, acting as
 * the project's identity (the Agent Service runs its tools as it), with the risks it takes from the account (data
 * under a Microsoft-managed key) and the deployment (no content filter). `risky` says whether any was planted.
 */
export function recordFoundryAgent(
  wl: Workload,
  ai: AiAccount,
  proj: AgentProject,
  assetId: string,
  name: string,
): { agentAsset: string; risky: boolean } {
  const { truth } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  const chat = ai.chat as NonNullable<AiAccount['chat']>;
  const agentAsset = truth.asset(assetId, 'agent', AGENT_TYPE, subscriptionId, location, name);
  truth.edge('contains', proj.projAsset, agentAsset);
  truth.edge('uses-model', agentAsset, chat.asset);
  truth.edge('runs-as', agentAsset, proj.identityAsset);
  let risky = false;
  // Agent threads and files are the account's data, under the account's key.
  if (!ai.aiKey) {
    risky = true;
    truth.risk(agentAsset, 'no-cmk-encryption', `agent ${name} keeps its data under a Microsoft-managed key`);
  }
  if (!chat.guarded) {
    risky = true;
    truth.risk(
      agentAsset,
      'agent-no-guardrail',
      `agent ${name} uses ${chat.name}, which has no content filter`,
    );
  }
  return { agentAsset, risky };
}
