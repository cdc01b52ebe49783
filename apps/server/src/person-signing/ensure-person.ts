// A verified person gets an event certificate from the hall's CA (name + 身份证号 in the subject);
// its key is made here, encrypted under the master key at once, and never leaves the server.
import { createPrivateKey } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { issuePersonCertificate, type CaMaterial } from '@hall/pki';
import { signDigest } from '@hall/token';
import type { Signer } from '@hall/pdf-seal';
import { fail } from '@hall/shared/errors';
import { sql } from 'drizzle-orm';
import type { Deps } from '../types.ts';
import { persons } from '../db/schema.ts';
import { openKey, sealKey } from './master-key.ts';
import { findPerson, type PersonRow } from './person-repository.ts';
import type { PersonClaim } from './identity-provider.ts';

export const EVENT_CERT_DAYS = 365;
/** A certificate this close to its end is replaced rather than used. */
const RENEW_BEFORE_MS = 7 * 24 * 3600_000;

export interface PersonSigningKeys {
  eventCa: CaMaterial | undefined;
  masterKey: Buffer | undefined;
}

function ready(keys: PersonSigningKeys): { eventCa: CaMaterial; masterKey: Buffer } {
  if (!keys.eventCa || !keys.masterKey) fail('PERSON_SIGNING_UNAVAILABLE');
  return { eventCa: keys.eventCa, masterKey: keys.masterKey };
}

export async function ensurePerson(deps: Pick<Deps, 'db'>, keys: PersonSigningKeys, claim: PersonClaim): Promise<PersonRow> {
  const { eventCa, masterKey } = ready(keys);
  const existing = await findPerson(deps.db, claim.idNumber);
  if (existing && existing.name === claim.name && existing.notAfter.getTime() - Date.now() > RENEW_BEFORE_MS) {
    if (existing.phone !== claim.phone) await deps.db.update(persons).set({ phone: claim.phone, updatedAt: sql`now()` }).where(sql`${persons.id} = ${existing.id}`);
    return { ...existing, phone: claim.phone };
  }
  const issued = await issuePersonCertificate(eventCa, { name: claim.name, idNumber: claim.idNumber, keyAlgorithm: 'RSA', validDays: EVENT_CERT_DAYS });
  const values = {
    idNumber: claim.idNumber,
    name: claim.name,
    phone: claim.phone,
    certificate: Buffer.from(issued.certificate).toString('base64'),
    chain: issued.chain.map((c) => Buffer.from(c).toString('base64')),
    encryptedKey: sealKey(masterKey, issued.privateKeyPkcs8, claim.idNumber),
    keyAlgorithm: issued.keyAlgorithm,
    notAfter: new Date(new X509Certificate(issued.certificate).validTo),
  };
  const [row] = await deps.db
    .insert(persons)
    .values(values)
    .onConflictDoUpdate({ target: persons.idNumber, set: { ...values, updatedAt: sql`now()` } })
    .returning();
  return row!;
}

/** The person's signer: the key is decrypted for this one signature and dropped. */
export function personSigner(keys: PersonSigningKeys, person: PersonRow): Signer {
  const { masterKey } = ready(keys);
  const der = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
  return {
    certificate: der(person.certificate),
    chain: (person.chain as string[]).map(der),
    keyAlgorithm: person.keyAlgorithm as Signer['keyAlgorithm'],
    sign: async (digest) => {
      const key = createPrivateKey({ key: openKey(masterKey, person.encryptedKey, person.idNumber), format: 'der', type: 'pkcs8' });
      return signDigest(key, digest);
    },
  };
}
