// How a person proves who they are before signing. The default is name + 身份证号 (check digit)
// + a code sent by SMS to their phone; a face-check service (e.g. a 实人认证 API) plugs in here
// as a further provider that must also pass before the signature is accepted.
export interface PersonClaim {
  name: string;
  idNumber: string;
  phone: string;
}

export interface IdentityProvider {
  readonly name: string;
  /** Resolves when the claim is confirmed; throws a HallError (e.g. IDENTITY_MISMATCH) when not. */
  confirm(claim: PersonClaim): Promise<void>;
}

/** The SMS code is the whole check: nothing further to ask. */
export const smsOnlyIdentity: IdentityProvider = { name: 'sms', confirm: async () => {} };
