import type { ServerResponse } from 'node:http';
import type { CloudContext, SimRequest } from '../handler.ts';
import type { AwsEstate } from './model.ts';

export function createAwsHandler(estate: AwsEstate, ctx: CloudContext) {
  void estate;
  void ctx;
  return async (_req: SimRequest, res: ServerResponse): Promise<void> => {
    res.writeHead(501).end();
  };
}
