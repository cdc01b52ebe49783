// The initiator's file as an invited unit seals it: the same sealing page, reached through the
// invitation link (the hall checks at each step that the session's unit is the invited one).
import { contentUrl, finishPartySealing, openInvitation, preparePartySealing } from '../api/party-sealing.ts';
import type { SealingTarget } from './sealing-target.ts';

export function invitationFile(token: string): SealingTarget {
  return {
    id: token,
    async current(signal) {
      const landing = await openInvitation(token, signal);
      return { name: landing.fileName, version: landing.fileVersion };
    },
    // the link serves the current version; the query only keeps a browser from reusing an older one
    contentUrl: (version) => `${contentUrl(token)}?v=${version}`,
    prepare: (body) => preparePartySealing(token, body),
    finish: (operationId, signature) => finishPartySealing(token, operationId, signature),
    resealOnChange: true,
  };
}
