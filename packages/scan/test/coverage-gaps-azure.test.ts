import { describeCoverageGaps } from './helpers/coverage-gaps.ts';

// Must show 1 of issue 10 for azure: see helpers/coverage-gaps.ts.
describeCoverageGaps('azure');
