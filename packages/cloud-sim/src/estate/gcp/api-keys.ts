import { assetId, type Rng } from '@aispm/core';
import type { GcpObject } from '../../gcp/model.ts';
import { inProject, type Project } from './project.ts';

const APIKEYS = 'apikeys.googleapis.com';
const GEMINI = 'generativelanguage.googleapis.com';
const VERTEX = 'aiplatform.googleapis.com';
const MAPS = 'maps-backend.googleapis.com';

interface KeySpec {
  displayName: string;
  /** API restrictions; none: the key is accepted by every API enabled in the project. */
  targets: string[];
  client?: GcpObject;
  /** Bound keys act as this service account (only Vertex AI accepts them). */
  serviceAccountEmail?: string;
  created: string;
}

/**
 * What each environment left behind in API keys: production only a Maps key restricted to its API (clean);
 * development an AI Studio (Gemini) key, a Vertex AI express-mode key bound to the default compute service account
 * and a console key nobody restricted; research a Gemini key held to an IP range (still long-term: GCP API keys
 * never expire) next to a Maps key. Drawn from a stream of its own so no other id of the estate moves.
 */
function specsFor(proj: Project): KeySpec[] {
  const maps: KeySpec = {
    displayName: 'Store locator (Maps)',
    targets: [MAPS],
    client: { browserKeyRestrictions: { allowedReferrers: ['https://www.contoso.example/*'] } },
    created: '2024-04-18T09:12:40.512311Z',
  };
  if (proj.env === 'prod') return [maps];
  if (proj.env === 'research')
    return [
      {
        displayName: 'Gemini notebook key',
        targets: [GEMINI],
        client: { serverKeyRestrictions: { allowedIps: ['203.0.113.0/24'] } },
        created: '2025-01-27T15:40:02.118734Z',
      },
      maps,
    ];
  return [
    { displayName: 'Gemini prototyping', targets: [GEMINI], created: '2025-03-04T10:21:55.903122Z' },
    {
      displayName: 'Vertex AI express',
      targets: [VERTEX],
      serviceAccountEmail: `${proj.projectNumber}-compute@developer.gserviceaccount.com`,
      created: '2025-05-19T08:03:17.441209Z',
    },
    { displayName: 'API key 1', targets: [], created: '2024-11-02T13:37:09.007415Z' },
  ];
}

function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** The project's API keys as API Keys v2 lists them, recorded in the truth with their planted risks. */
export function projectApiKeys(proj: Project): GcpObject[] {
  const { truth } = proj.org;
  const rng = proj.org.rng.fork(`api-keys-${proj.p}`);
  return specsFor(proj).map((spec) => {
    const uid = uuid(rng);
    const name = `projects/${proj.projectNumber}/locations/global/keys/${uid}`;
    const id = inProject(
      proj,
      truth.asset(
        assetId('gcp', name, APIKEYS),
        'access-key',
        `${APIKEYS}/Key`,
        proj.projectId,
        'global',
        spec.displayName,
      ),
    );
    const ai = spec.targets.find((t) => t === GEMINI || t === VERTEX);
    if (ai)
      truth.risk(
        id,
        'ai-api-key-long-term',
        `${ai === GEMINI ? 'Gemini' : 'Vertex AI'} API key "${spec.displayName}" never expires`,
      );
    else if (spec.targets.length === 0)
      truth.risk(id, 'api-key-unrestricted', `API key "${spec.displayName}" has no API restrictions`);
    else truth.markClean(id);
    if (spec.serviceAccountEmail)
      truth.edge(
        'has-key',
        assetId(
          'gcp',
          `projects/${proj.projectId}/serviceAccounts/${spec.serviceAccountEmail}`,
          'iam.googleapis.com',
        ),
        id,
      );
    const restrictions = {
      ...(spec.client ?? {}),
      ...(spec.targets.length > 0 ? { apiTargets: spec.targets.map((service) => ({ service })) } : {}),
    };
    return {
      name,
      uid,
      displayName: spec.displayName,
      createTime: spec.created,
      updateTime: spec.created,
      etag: `W/"${Buffer.from(rng.hex(16), 'hex').toString('base64')}"`,
      ...(Object.keys(restrictions).length > 0 ? { restrictions } : {}),
      ...(spec.serviceAccountEmail ? { serviceAccountEmail: spec.serviceAccountEmail } : {}),
    };
  });
}
