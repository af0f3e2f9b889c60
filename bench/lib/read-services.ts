import { policyRuleCatalog } from '@aispm/api';

/** The read path needs no scan or policy service; any call to one is a bench bug. */
export function readOnlyServices() {
  const fail = () => {
    throw new Error('not used by this benchmark');
  };
  return {
    scans: { start: fail, cancel: fail, schedules: { upsert: fail, remove: fail } },
    findings: { suppress: fail, unsuppress: fail },
    evaluator: { run: fail },
    // The real catalogue: the compliance view maps its rules' counts onto framework controls.
    rules: policyRuleCatalog(),
  };
}
