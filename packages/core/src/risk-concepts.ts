import type { Severity } from './kinds.ts';

/**
 * Provider-neutral risk concepts: the "what is wrong" vocabulary shared by the simulator's ground truth
 * (what it plants), the policy rules (what they detect) and reports. A rule names the concepts it
 * evidences; a cloud adds facts that trip the same concept.
 */
export const RISK_CONCEPTS = {
  // exposure of inference and data
  'endpoint-public-access': {
    severity: 'high',
    title: 'Inference endpoint reachable from the internet without network restriction',
  },
  'endpoint-external-principal': {
    severity: 'high',
    title: 'Inference endpoint, model or agent invocable by a principal outside the organisation',
  },
  'vector-store-public-network': {
    severity: 'high',
    title: 'Vector store reachable over a public network',
  },
  'vector-store-broad-access': {
    severity: 'high',
    title: 'Vector store data readable by broad or external principals',
  },
  'vector-store-key-auth': {
    severity: 'medium',
    title: 'Vector store accepts static API keys',
  },
  'endpoint-key-auth': {
    severity: 'medium',
    title: 'Inference endpoint accepts static keys instead of identity tokens',
  },
  'ml-datastore-stored-credential': {
    severity: 'medium',
    title: 'ML datastore holds a storage account key or SAS token instead of identity-based access',
  },
  'ai-service-public-network': {
    severity: 'high',
    title: 'AI service account allows public network access',
  },
  'ai-service-local-auth': {
    severity: 'medium',
    title: 'AI service account allows local (key) authentication',
  },
  'data-store-public': {
    severity: 'critical',
    title: 'Training / knowledge-base data store is publicly accessible',
  },
  'data-store-broad-write': {
    severity: 'critical',
    title: 'Training / knowledge-base data writable by broad or external principals (poisoning)',
  },
  'data-store-external-read': {
    severity: 'high',
    title: 'Training / knowledge-base data readable by external principals',
  },
  'sensitive-model-internet-facing': {
    severity: 'high',
    title: 'Model trained on sensitive data served to an internet-facing consumer',
  },
  // encryption, logging, hygiene
  'no-cmk-encryption': {
    severity: 'medium',
    title: 'AI asset not encrypted with a customer-managed key',
  },
  'key-rotation-disabled': {
    severity: 'low',
    title: 'Customer-managed key used by AI assets has rotation disabled',
  },
  'invocation-logging-disabled': {
    severity: 'medium',
    title: 'Model invocation / diagnostic logging is off',
  },
  'data-capture-disabled': {
    severity: 'low',
    title: 'Endpoint request/response capture is off',
  },
  'data-store-versioning-disabled': {
    severity: 'low',
    title: 'Data store versioning is off (poisoning cannot be rolled back)',
  },
  'data-store-access-logging-disabled': {
    severity: 'low',
    title: 'Data store access logging is off',
  },
  'data-store-insecure-transport': {
    severity: 'medium',
    title: 'Data store accepts unencrypted (plain HTTP) requests',
  },
  'data-store-soft-delete-disabled': {
    severity: 'low',
    title: 'Deleted training / knowledge-base data cannot be recovered (soft delete off)',
  },
  'data-store-weak-tls': {
    severity: 'medium',
    title: 'Data store accepts TLS versions older than 1.2',
  },
  'data-store-shared-key-access': {
    severity: 'medium',
    title: 'Data store accepts shared (account) keys',
  },
  'data-store-no-infrastructure-encryption': {
    severity: 'low',
    title: 'Data store without infrastructure (double) encryption',
  },
  'data-store-uniform-access-disabled': {
    severity: 'medium',
    title: 'Data store allows per-object ACLs (uniform access control off)',
  },
  'model-registry-public-network': {
    severity: 'high',
    title: 'Model registry reachable over a public network',
  },
  'ai-service-outbound-unrestricted': {
    severity: 'medium',
    title: 'AI service account can send data to any outbound destination',
  },
  // guardrails
  'guardrail-missing': {
    severity: 'high',
    title: 'Model invocation path without a guardrail / content filter',
  },
  'guardrail-weak': {
    severity: 'medium',
    title: 'Guardrail / content filter with weak or disabled prompt-attack filtering',
  },
  'guardrail-not-enforced': {
    severity: 'high',
    title: 'Model invocations in the account or project are not screened by an enforced guardrail',
  },
  'guardrail-indirect-attack-unscreened': {
    severity: 'high',
    title: 'Content filter does not screen indirect prompt injection (documents, tool results)',
  },
  'guardrail-malicious-url-unfiltered': {
    severity: 'medium',
    title: 'Guardrail does not screen prompts and responses for malicious URLs',
  },
  'guardrail-harmful-content-unfiltered': {
    severity: 'medium',
    title: 'Guardrail without harmful-content filters (hate, violence, sexual, dangerous content)',
  },
  'guardrail-policy-external-access': {
    severity: 'medium',
    title: 'Guardrail whose resource policy lets principals outside the organisation use, read or change it',
  },
  // notebooks and training
  'notebook-direct-internet': {
    severity: 'high',
    title: 'Notebook instance has direct internet access',
  },
  'notebook-root-access': {
    severity: 'medium',
    title: 'Notebook instance allows root access',
  },
  'notebook-no-vpc': {
    severity: 'medium',
    title: 'Notebook instance not attached to a private network',
  },
  'notebook-local-auth': {
    severity: 'medium',
    title: 'Notebook compute accepts local (key) authentication',
  },
  'notebook-ssh-public': {
    severity: 'high',
    title: 'Notebook / compute instance accepts SSH from the internet',
  },
  'training-no-network-isolation': {
    severity: 'medium',
    title: 'Training job or model container without network isolation',
  },
  'training-interactive-shell': {
    severity: 'medium',
    title: 'Training job allows an interactive shell into its containers',
  },
  'training-no-inter-container-encryption': {
    severity: 'low',
    title: 'Distributed training traffic not encrypted between containers',
  },
  // identities
  'role-ai-wildcard-actions': {
    severity: 'high',
    title: 'Identity with wildcard AI service permissions (bedrock:* / sagemaker:*)',
  },
  'role-passrole-wildcard': {
    severity: 'high',
    title: 'Identity can pass any role to AI services (iam:PassRole on *)',
  },
  'role-cross-account-trust': {
    severity: 'high',
    title: 'Identity assumable from another account without an external id',
  },
  'role-wildcard-trust': {
    severity: 'critical',
    title: 'Identity assumable by any principal (wildcard trust)',
  },
  'identity-long-lived-key': {
    severity: 'medium',
    title: 'Identity with long-lived access keys reaches AI assets',
  },
  'ai-api-key-long-term': {
    severity: 'medium',
    title:
      'Long-term API key for an AI service (a Bedrock API key, a Gemini / Vertex API key) that does not expire soon',
  },
  'api-key-unrestricted': {
    severity: 'medium',
    title: 'API key without API restrictions: it can call every enabled API, Gemini and Vertex AI included',
  },
  'identity-user-direct-policy': {
    severity: 'medium',
    title: 'User granted AI permissions by policies attached to the user, not a group or role',
  },
  'identity-service-wildcard': {
    severity: 'high',
    title: 'AI workload identity allowed every action of a non-AI service (s3:*, iam:* …) or NotAction',
  },
  'workload-default-service-account': {
    severity: 'high',
    title: 'AI workload runs as the default compute service account',
  },
  'identity-primitive-role': {
    severity: 'high',
    title: 'Service identity holds Owner / Editor (primitive) roles',
  },
  // supply chain and secrets
  'secret-in-agent-instructions': {
    severity: 'critical',
    title: 'Secret embedded in agent instructions or prompt',
  },
  'secret-in-notebook-startup': {
    severity: 'critical',
    title: 'Secret embedded in notebook startup / lifecycle script',
  },
  'model-unpinned-public-source': {
    severity: 'high',
    title: 'Model pulled from a public registry without a pinned revision',
  },
  'model-pickle-artifact': {
    severity: 'high',
    title: 'Model artifact in pickle format (arbitrary code on load)',
  },
  // agents
  'agent-excessive-agency': {
    severity: 'high',
    title: "Agent tools' identities can write or delete data",
  },
  'agent-injection-exfiltration': {
    severity: 'high',
    title:
      'Agent reads untrusted content (the web, a knowledge base outsiders can write) and can also send data out',
  },
  'agent-no-guardrail': {
    severity: 'high',
    title: 'Agent without a guardrail',
  },
  'agent-gateway-no-authorizer': {
    severity: 'critical',
    title: 'Agent gateway (tools / MCP servers) callable without inbound authorization',
  },
  'agent-gateway-debug-errors': {
    severity: 'low',
    title: 'Agent gateway returns debug-level error details to its callers',
  },
  'agent-gateway-policy-not-enforced': {
    severity: 'medium',
    title: 'Agent gateway enforces no tool-call policy (no policy engine, or one in log-only mode)',
  },
  'agent-gateway-policy-permit-all': {
    severity: 'high',
    title:
      "Agent gateway's enforced policy engine permits every tool call unconditionally (Cedar permit-all)",
  },
  'agent-gateway-no-waf': {
    severity: 'low',
    title: 'Agent gateway endpoint without a web application firewall (AWS WAF web ACL)',
  },
  'agent-runtime-public-network': {
    severity: 'medium',
    title: 'Agent or MCP server runtime outside a private network (unrestricted egress)',
  },
  'agent-code-interpreter-public-network': {
    severity: 'high',
    title: 'Agent code interpreter with public internet access',
  },
  'agent-browser-session-unrecorded': {
    severity: 'low',
    title: 'Agent browser tool does not record its sessions',
  },
  'agent-tool-no-private-network': {
    severity: 'low',
    title: "Agent tool's function runs outside a private network (unrestricted egress)",
  },
  'agent-tool-static-credential': {
    severity: 'medium',
    title: 'Agent tool calls its backend with a stored static API key',
  },
  'agent-tool-shared-key-auth': {
    severity: 'high',
    title: 'Agent tool connection shared with every project of the account authenticates with a stored key',
  },
  'agent-memory-long-retention': {
    severity: 'low',
    title: 'Agent memory keeps raw conversation events longer than 90 days',
  },
  'mcp-server-no-auth': {
    severity: 'high',
    title: 'Agent calls a remote tool / MCP server without any authentication',
  },
  'mcp-server-no-approval': {
    severity: 'medium',
    title: "Agent calls an outside MCP server's tools without a person approving the calls",
  },
  'ai-service-threat-protection-disabled': {
    severity: 'medium',
    title: 'AI threat protection (prompt-attack, data-leak and abuse alerts) is off for the AI service',
  },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type RiskConcept = keyof typeof RISK_CONCEPTS;
export const RISK_CONCEPT_IDS = Object.keys(RISK_CONCEPTS) as RiskConcept[];
