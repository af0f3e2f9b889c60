import { describeCoverageGaps } from './helpers/coverage-gaps.ts';

// Must show 1 of issue 10 for gcp: see helpers/coverage-gaps.ts.
describeCoverageGaps('gcp');
