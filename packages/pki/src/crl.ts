// Certificate revocation lists signed by a CA.
import type { CaMaterial } from './ca.ts';
import { importPkcs8, signingAlgorithm, x509 } from './crypto.ts';

export interface RevokedEntry {
  /** Hex, as `new X509Certificate(der).serialNumber` prints it. */
  serialNumber: string;
  revokedAt: Date;
}

let crlNumber = 0;

export async function createCrl(
  ca: CaMaterial,
  revoked: RevokedEntry[],
  nextUpdateDays = 7,
  opts: { thisUpdate?: Date; crlNumber?: number } = {},
): Promise<Uint8Array> {
  const caCert = new x509.X509Certificate(ca.certificate);
  const { key, algorithm } = await importPkcs8(ca.privateKeyPkcs8);
  const thisUpdate = opts.thisUpdate ?? new Date(Date.now() - 60_000);
  const number = opts.crlNumber ?? Math.floor(Date.now() / 1000) * 1000 + (crlNumber++ % 1000);
  const crl = await x509.X509CrlGenerator.create({
    issuer: new x509.Name(caCert.subjectName.toArrayBuffer()),
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + nextUpdateDays * 86_400_000),
    entries: revoked.map((r) => ({ serialNumber: r.serialNumber, revocationDate: r.revokedAt })),
    signingKey: key,
    signingAlgorithm: signingAlgorithm(algorithm),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(caCert), new x509.Extension('2.5.29.20', false, derInteger(number))],
  });
  return new Uint8Array(crl.rawData);
}

function derInteger(n: number): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex;
  const body = Buffer.from(hex, 'hex');
  return new Uint8Array([0x02, body.length, ...body]);
}
