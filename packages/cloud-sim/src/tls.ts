import { generate } from 'selfsigned';

export interface SelfSignedCert {
  /** PEM certificate; it is its own CA, so clients trust exactly this PEM. */
  cert: string;
  /** PEM private key. */
  key: string;
}

/**
 * A throw-away certificate for the Azure listener: Azure SDK bearer-token policies refuse plain http, so
 * the simulator must speak TLS. Valid for 127.0.0.1 and localhost only, for one day.
 */
export async function createSelfSignedCert(): Promise<SelfSignedCert> {
  const now = new Date();
  const result = await generate([{ name: 'commonName', value: 'aispm-cloud-sim' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { cert: result.cert, key: result.private };
}
