import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

/**
 * Raw events older than this are flagged. AgentCore allows 7 to 365 days and defaults to 30. Events are only the
 * input the memory's strategies extract long-term records from (within minutes), and what a session replays
 * recently; a quarter covers any conversation an agent still resumes, while a transcript kept longer is stored
 * personal data with no purpose left (GDPR storage limitation) and a longer-lived target for extraction.
 */
export const MAX_EVENT_RETENTION_DAYS = 90;

export default defineAssetRule<'knowledge-base', 'eventRetentionDays'>({
  id: 'aispm-agent-memory-long-retention',
  title: `Agent memory keeps raw conversation events longer than ${MAX_EVENT_RETENTION_DAYS} days`,
  severity: 'low',
  rationale: `An agent memory stores every event of its conversations verbatim: user prompts, model responses and tool results, personal data and secrets users paste included. Long-term knowledge is extracted from those events by the memory's strategies shortly after they arrive, so keeping the raw transcripts for months adds no capability; it only widens what a leaked role, a confused-deputy read or a prompt-injected agent can pull out (ListEvents, RetrieveMemoryRecords), and how long a poisoned event stays replayable. Expire events within ${MAX_EVENT_RETENTION_DAYS} days (AgentCore's default is 30).`,
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Memory → the memory → Edit',
        `Short-term memory (raw event) expiration → ${MAX_EVENT_RETENTION_DAYS} days or fewer (30 is the default)`,
        'Save: events older than the new duration expire; long-term records extracted by strategies are kept',
      ],
      cli: 'aws bedrock-agentcore-control update-memory --memory-id <id> --event-expiry-duration 30',
      terraform: 'resource "aws_bedrockagentcore_memory" "m" { name = "<name>" event_expiry_duration = 30 }',
    },
  },
  references: [REF.agentCoreMemory],
  concepts: ['agent-memory-long-retention'],
  appliesTo: { kinds: ['knowledge-base'], nativeTypes: ['AWS::BedrockAgentCore::Memory'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-agentic-2026': ['ASI06'],
    'nist-ai-600-1': ['MP-4.1-005', 'GV-1.7-002'],
    'mitre-atlas': ['AML.T0057'],
  },
  gaiRisks: ['PRIV', 'INFOSEC'],
  peers: [],
  needs: ['eventRetentionDays'],
  check(memory) {
    const days = memory.facts.eventRetentionDays;
    if (days === undefined) return null;
    const long = days > MAX_EVENT_RETENTION_DAYS;
    return {
      fail: long,
      message: long
        ? `Memory keeps raw conversation events for ${days} days (more than ${MAX_EVENT_RETENTION_DAYS})`
        : `Memory expires raw conversation events after ${days} days`,
      evidence: { properties: { eventRetentionDays: days, limitDays: MAX_EVENT_RETENTION_DAYS } },
    };
  },
});
