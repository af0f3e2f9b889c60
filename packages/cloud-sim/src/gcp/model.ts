/** A GCP API object exactly as its REST API returns it (camelCase JSON). */
export type GcpObject = Record<string, unknown>;

export interface GcpProject {
  projectId: string;
  projectNumber: string;
  /** Cloud Resource Manager v3 `Project`. */
  resource: GcpObject;
  /** `getIamPolicy` answer for the project. */
  iamPolicy: GcpObject;
  /** Model Armor v1 `FloorSetting` of the project; undefined when it was never configured. */
  floorSetting?: GcpObject;
  /** API Keys v2 `Key`s of the project (names under the project number; the key string is never listed). */
  apiKeys?: GcpObject[];
}

/** An OAuth client allowed to refresh tokens at the simulated token endpoint. */
export interface GcpOAuthClient {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** The simulated GCP organisation: everything the GCP listener answers from. */
export interface GcpEstate {
  /** Cloud Resource Manager v3 `Organization`. */
  organization: GcpObject;
  folders: GcpObject[];
  projects: GcpProject[];
  /** The scanner's OAuth client (refresh-token grant at `POST /token`). */
  oauthClient: GcpOAuthClient;
  /**
   * Vertex AI, Agent Registry and Workbench objects by collection, e.g. `projects/123/locations/us-central1/endpoints`
   * (Vertex and Agent Registry keys use the project number, as their names do; Workbench keys use the project id).
   */
  collections: Record<string, GcpObject[]>;
  /** IAM v1 service accounts per project id, and user-managed / system keys per account email. */
  serviceAccounts: Record<string, GcpObject[]>;
  serviceAccountKeys: Record<string, GcpObject[]>;
  /** Cloud Storage JSON API bucket resources, and each bucket's IAM policy. */
  buckets: GcpObject[];
  bucketIam: Record<string, GcpObject>;
}
