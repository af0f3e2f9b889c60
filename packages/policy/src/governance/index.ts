import { USER_CRITERION_IDS } from './maturity.ts';
import { USER_QUESTION_IDS } from './self-assessment.ts';

export * from './evidence.ts';
export * from './maturity.ts';
export * from './self-assessment.ts';

/** Every id the user may answer (self-assessment questions and maturity criteria the platform cannot see). */
export const USER_ANSWERABLE_IDS: readonly string[] = [...USER_QUESTION_IDS, ...USER_CRITERION_IDS];
