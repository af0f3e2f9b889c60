/**
 * Documents of common AWS managed policies, for when GetAccountAuthorizationDetails does not return them (it only
 * lists AWS managed policies on request, and some accounts' answers omit them). Each entry is either the full
 * document or, marked `coversOnly`, the subset of statements that decide the actions the access analysis
 * evaluates (InvokeModel/Agent/Endpoint, S3 object read/write, AssumeRole, PassRole): e.g. ReadOnlyAccess grants
 * `s3:Get*` (object reads) and none of the others. Anything not listed here stays `unresolved`.
 */
export interface BuiltinPolicy {
  document: unknown;
  /** The document is the decisive subset for aispm's evaluated actions, not the whole AWS policy. */
  coversOnly?: string;
}

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

export const AWS_MANAGED_POLICIES: Readonly<Record<string, BuiltinPolicy>> = {
  'arn:aws:iam::aws:policy/AdministratorAccess': {
    document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  },
  'arn:aws:iam::aws:policy/PowerUserAccess': {
    document: doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
          'account:ListRegions',
        ],
        Resource: '*',
      },
    ),
  },
  'arn:aws:iam::aws:policy/AmazonS3FullAccess': {
    document: doc({ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }),
  },
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess': {
    document: doc({
      Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
      Resource: '*',
    }),
  },
  'arn:aws:iam::aws:policy/ReadOnlyAccess': {
    document: doc({
      Effect: 'Allow',
      Action: [
        's3:Get*',
        's3:List*',
        'bedrock:Get*',
        'bedrock:List*',
        'sagemaker:Describe*',
        'sagemaker:List*',
      ],
      Resource: '*',
    }),
    coversOnly:
      'read-only actions relevant to aispm (S3 object reads; no invoke, write, assume or pass-role)',
  },
};
