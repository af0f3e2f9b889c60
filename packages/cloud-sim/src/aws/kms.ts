import type { KmsKey } from './model.ts';
import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, resolveByTarget } from './service.ts';

/** KMS accepts a key id, a key ARN (alias names are not simulated). */
function keyOf(c: OpContext): KmsKey {
  const id = String(c.input.KeyId ?? '');
  const key = c.regional.kmsKeys.find((k) => k.KeyId === id || k.Arn === id);
  if (!key) {
    // A key ARN of another account or region is simply not found from here, as on real KMS.
    throw new AwsError('NotFoundException', 400, `Key '${id}' does not exist`);
  }
  return key;
}

export const kms: AwsService = {
  protocol: 'json1.1',
  actionPrefix: 'kms',
  resolve: (req) => resolveByTarget(req, 'TrentService'),
  handle(name, c) {
    switch (name) {
      case 'ListKeys': {
        const { page: items, next } = paginate(
          c.regional.kmsKeys,
          c.input.Marker as string | undefined,
          numberParam(c.input.Limit),
          c.endless,
        );
        return json({
          Keys: items.map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn })),
          NextMarker: next,
          Truncated: next !== undefined,
        });
      }
      case 'DescribeKey': {
        const k = keyOf(c);
        return json({
          KeyMetadata: {
            AWSAccountId: c.caller.account.Id,
            KeyId: k.KeyId,
            Arn: k.Arn,
            CreationDate: k.CreationDate,
            Enabled: k.KeyState === 'Enabled',
            Description: k.Description,
            KeyUsage: 'ENCRYPT_DECRYPT',
            KeyState: k.KeyState,
            Origin: 'AWS_KMS',
            KeyManager: k.KeyManager,
            CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
            KeySpec: 'SYMMETRIC_DEFAULT',
            EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
            MultiRegion: false,
          },
        });
      }
      case 'GetKeyRotationStatus': {
        const k = keyOf(c);
        return json({
          KeyRotationEnabled: k.rotationEnabled,
          KeyId: k.Arn,
          RotationPeriodInDays: k.rotationEnabled ? 365 : undefined,
        });
      }
      case 'GetKeyPolicy': {
        const k = keyOf(c);
        const policyName = (c.input.PolicyName as string | undefined) ?? 'default';
        if (policyName !== 'default')
          throw new AwsError('NotFoundException', 400, `Policy ${policyName} not found`);
        return json({ Policy: JSON.stringify(k.policy), PolicyName: 'default' });
      }
      default:
        throw new AwsError('UnknownOperationException', 400, `Unknown operation ${name}`);
    }
  },
};
