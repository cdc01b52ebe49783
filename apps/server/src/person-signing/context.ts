// What the signing-by-others services share, built once by the routes plugin.
import type { Deps } from '../types.ts';
import type { SmsProvider } from '../sms/sms-provider.ts';
import type { IdentityProvider } from './identity-provider.ts';
import type { PersonSigningKeys } from './ensure-person.ts';
import type { SigningEvents } from './signing-events.ts';

export interface SigningContext {
  deps: Deps;
  keys: PersonSigningKeys;
  sms: SmsProvider;
  identity: IdentityProvider;
  events: SigningEvents;
  tsaUrl: string | undefined;
}
