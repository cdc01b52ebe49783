// 电子签章: reach the key agent, prove the PIN once, and gather the seals the user may use —
// those stored on the key and those of the 印章库 bound to the key's certificate.
import { useCallback, useState } from 'react';
import { isApiError } from '../../../lib/api.ts';
import { getConfig, listLibrarySeals } from '../api/sealing.ts';
import { KeyAgent, probeDigest, type KeyCertificate } from '../api/key-agent.ts';
import type { SealChoice } from '../lib/drafts.ts';
import type { OpenKey } from '../lib/seal-file.ts';
import { imageAspect } from '../lib/image-aspect.ts';

const serialKey = (s: string) => s.replace(/[\s:]/g, '').toLowerCase().replace(/^0+(?=.)/, '');

/** The 印章库's seals bound to this certificate (none when the library cannot be read). */
async function libraryChoices(serialNumber: string): Promise<SealChoice[]> {
  const out: SealChoice[] = [];
  try {
    for (const s of await listLibrarySeals()) {
      if (serialKey(s.certificateSerial) !== serialKey(serialNumber)) continue;
      out.push({ key: `lib:${s.id}`, name: s.name, src: s.imageUrl, widthMm: s.widthMm, aspect: await imageAspect(s.imageUrl), origin: 'library', source: { sealId: s.id } });
    }
  } catch (err) {
    if (!isApiError(err)) throw err;
  }
  return out;
}

/** The certificate of the signed-in unit (its credit code in the subject), else the first. */
export function pickCertificate(certificates: KeyCertificate[], creditCode: string | undefined): KeyCertificate | undefined {
  return certificates.find((c) => creditCode && c.subject.includes(creditCode)) ?? certificates[0];
}

export interface KeyState {
  key?: OpenKey;
  seals: SealChoice[];
}

export function useKey(creditCode: string | undefined) {
  const [state, setState] = useState<KeyState>({ seals: [] });

  /** Finds the agent and the certificate (throws AgentNotRunningError / ApiError). */
  const connect = useCallback(async (): Promise<{ agent: KeyAgent; certificate: KeyCertificate }> => {
    const config = await getConfig();
    const agent = new KeyAgent(config.keyAgentUrl);
    const status = await agent.status();
    if (!status.tokens.some((t) => t.present)) throw Object.assign(new Error('未检测到 CA 锁，请插入 CA 锁'), { name: 'NoTokenError' });
    const certificate = pickCertificate(await agent.certificates(), creditCode);
    if (!certificate) throw Object.assign(new Error('CA 锁中没有证书'), { name: 'NoTokenError' });
    return { agent, certificate };
  }, [creditCode]);

  /** The PIN is checked by the key itself (a signature over a random digest); then the seals are read. */
  const unlock = useCallback(async (found: { agent: KeyAgent; certificate: KeyCertificate }, pin: string): Promise<KeyState> => {
    await found.agent.sign(found.certificate.id, pin, probeDigest());
    const seals: SealChoice[] = [];
    for (const s of await found.agent.seals(found.certificate.id)) {
      const src = `data:image/png;base64,${s.image}`;
      seals.push({ key: `key:${s.id}`, name: s.name, src, widthMm: s.widthMm, aspect: await imageAspect(src), origin: 'key', source: { png: s.image, widthMm: s.widthMm } });
    }
    seals.push(...(await libraryChoices(found.certificate.serialNumber)));
    const next = { key: { ...found, pin }, seals };
    setState(next);
    return next;
  }, []);

  const forget = useCallback(() => setState({ seals: [] }), []);

  /** After the 印章库 changed: the key's seals stay, the library's are read again. */
  const reloadLibrary = useCallback(async () => {
    const serial = state.key?.certificate.serialNumber;
    if (!serial) return;
    const library = await libraryChoices(serial);
    setState((s) => ({ ...s, seals: [...s.seals.filter((c) => c.origin === 'key'), ...library] }));
  }, [state.key]);

  return { ...state, connect, unlock, forget, reloadLibrary };
}
