import { z } from 'zod';
import { FrameworkId } from './frameworks.ts';

export { FindingFilterQuery as ExportQuery } from './findings.ts';

export const OscalCatalogParams = z.object({ framework: FrameworkId });
