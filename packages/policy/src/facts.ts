// Raw-property readers moved to @aispm/core (facts/raw.ts), where connectors derive facts with them; rules read
// typed facts instead. Kept for the rules that still digest raw properties.
export {
  attachedPolicyNames,
  environmentNames,
  get,
  nonEmpty,
  type PolicyStatement,
  pick,
  policyStatements,
  secretDetections,
  truthy,
} from '@aispm/core';
