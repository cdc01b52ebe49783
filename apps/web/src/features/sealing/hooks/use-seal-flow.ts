// The 电子签章 button's flow and the errors of a sealing run, shared by single and batch sealing:
// agent missing → guidance; PIN dialog (wrong PIN → tries left); seal picker.
import { useCallback, useState } from 'react';
import { isApiError } from '../../../lib/api.ts';
import { AgentNotRunningError, type KeyAgent, type KeyCertificate } from '../api/key-agent.ts';
import type { SealChoice } from '../lib/drafts.ts';
import type { OpenKey } from '../lib/seal-file.ts';
import { useKey } from './use-key.ts';

/** What to do once the key is open: pick a seal, or go on with the key (e.g. sign at 确定). */
export type AfterUnlock = { pick: (s: SealChoice) => void } | { then: (key: OpenKey) => void };

export function pinErrorText(err: unknown): string | undefined {
  if (!isApiError(err)) return undefined;
  if (err.code === 'PIN_INCORRECT') {
    const left = err.details.triesLeft;
    return typeof left === 'number' ? `PIN 码错误，还可以尝试 ${left} 次` : 'PIN 码错误，请重新输入';
  }
  if (err.code === 'PIN_LOCKED') return 'CA 锁已锁定，请联系 CA 机构解锁';
  return undefined;
}

export function useSealFlow(creditCode: string | undefined, onError: (err: unknown) => void) {
  const keyState = useKey(creditCode);
  const [agentMissing, setAgentMissing] = useState(false);
  const [pinFor, setPinFor] = useState<{ agent: KeyAgent; certificate: KeyCertificate }>();
  const [pinError, setPinError] = useState<string>();
  const [pinBusy, setPinBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const [after, setAfter] = useState<AfterUnlock>();

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof AgentNotRunningError) setAgentMissing(true);
      else onError(err);
    },
    [onError],
  );

  /** 点击电子签章: connect, ask the PIN (once per page), then let the user pick a seal. */
  const start = useCallback(
    async (next: AfterUnlock) => {
      setAfter(next);
      if (keyState.key) {
        if ('pick' in next) setPicking(true);
        else next.then(keyState.key);
        return;
      }
      try {
        setPinError(undefined);
        setPinFor(await keyState.connect());
      } catch (err) {
        fail(err);
      }
    },
    [keyState, fail],
  );

  const submitPin = useCallback(
    async (pin: string) => {
      if (!pinFor) return;
      setPinBusy(true);
      try {
        const opened = await keyState.unlock(pinFor, pin);
        setPinFor(undefined);
        if (after && 'pick' in after) setPicking(true);
        else if (after && opened.key) after.then(opened.key);
      } catch (err) {
        const text = pinErrorText(err);
        if (text) setPinError(text);
        else {
          setPinFor(undefined);
          fail(err);
        }
      } finally {
        setPinBusy(false);
      }
    },
    [pinFor, keyState, fail, after],
  );

  /** After a wrong PIN during signing: forget it and ask again. */
  const askPinAgain = useCallback(
    async (message: string, next: AfterUnlock) => {
      keyState.forget();
      setAfter(next);
      try {
        const found = await keyState.connect();
        setPinError(message);
        setPinFor(found);
      } catch (err) {
        fail(err);
      }
    },
    [keyState, fail],
  );

  return {
    key: keyState.key,
    seals: keyState.seals,
    reloadLibrary: keyState.reloadLibrary,
    start,
    fail,
    askPinAgain,
    agentMissing,
    closeAgentMissing: () => setAgentMissing(false),
    pin: {
      open: Boolean(pinFor),
      unitName: pinFor?.certificate.subject.match(/CN=([^,\n]+)/)?.[1],
      error: pinError,
      busy: pinBusy,
      onCancel: () => setPinFor(undefined),
      onSubmit: (pin: string) => void submitPin(pin),
    },
    picker: {
      open: picking,
      seals: keyState.seals,
      onCancel: () => setPicking(false),
      onPick: (s: SealChoice) => {
        setPicking(false);
        if (after && 'pick' in after) after.pick(s);
      },
    },
  };
}
