import { useState } from 'react';
import type { Remediation } from '../api/types.ts';
import { providerLabel } from '../lib/format.ts';
import { EmptyState } from './QueryState.tsx';
import { Card, Tabs } from './ui.tsx';

type RemediationTab = 'console' | 'cli' | 'terraform';

/** How to fix a finding on one cloud: console steps, CLI and Terraform, one tab each. */
export function RemediationCard({
  remediation,
  provider,
}: {
  remediation: Remediation | undefined;
  provider: string;
}) {
  const available: { id: RemediationTab; label: string }[] = [];
  if (Array.isArray(remediation?.console) && remediation.console.length)
    available.push({ id: 'console', label: 'Console' });
  if (remediation?.cli) available.push({ id: 'cli', label: 'CLI' });
  if (remediation?.terraform) available.push({ id: 'terraform', label: 'Terraform' });
  const [tab, setTab] = useState<RemediationTab | undefined>(undefined);
  const active = tab ?? available[0]?.id;
  return (
    <Card title={`Remediation · ${providerLabel(provider)}`} className="remediation">
      {!remediation || !active ? (
        <EmptyState title={`No remediation guidance for ${providerLabel(provider)}`} />
      ) : (
        <>
          <Tabs tabs={available} active={active} onChange={setTab} />
          <div className="tab-panel" role="tabpanel" data-testid="remediation-panel" data-provider={provider}>
            {active === 'console' ? (
              <ol className="steps">
                {remediation.console?.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            ) : (
              <pre className="code">{active === 'cli' ? remediation.cli : remediation.terraform}</pre>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
