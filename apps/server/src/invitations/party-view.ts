// How the initiator sees a party: its state in the manual's words.
import type { PartyRow, RequestRow } from './invitation-repository.ts';

export type PartyStatus = 'pending' | 'done' | 'rejected' | 'expired' | 'revoked';

export const partyStatusLabel = (kind: string, status: PartyStatus): string =>
  ({ pending: '待处理', done: kind === 'enterprise' ? '已盖章' : '已签名', rejected: '已拒绝', expired: '已过期', revoked: '已撤销' })[status];

export function partyStatus(party: PartyRow, request: RequestRow, now = Date.now()): PartyStatus {
  if (party.state === 'done') return 'done';
  if (party.state === 'rejected') return 'rejected';
  if (request.revokedAt) return 'revoked';
  if (party.expiresAt.getTime() <= now) return 'expired';
  return 'pending';
}

export interface PartyView {
  id: string;
  kind: 'enterprise' | 'person';
  /** 单位名称 or 姓名 */
  name: string;
  creditCode?: string;
  contactName?: string;
  idNumberMasked?: string;
  phone: string;
  status: PartyStatus;
  statusLabel: string;
  expiresAt: string;
  doneAt?: string;
  doneBy?: string;
  resultVersion?: number;
  smsCount: number;
  /** only when just created or resent: the link itself is never stored */
  link?: string;
}

export function toPartyView(party: PartyRow, request: RequestRow, link?: string): PartyView {
  const status = partyStatus(party, request);
  return {
    id: party.id,
    kind: party.kind as PartyView['kind'],
    name: (party.kind === 'enterprise' ? party.unitName : party.personName) ?? '',
    creditCode: party.creditCode ?? undefined,
    contactName: party.contactName ?? undefined,
    idNumberMasked: party.idNumber ? `${party.idNumber.slice(0, 3)}***********${party.idNumber.slice(-4)}` : undefined,
    phone: party.phone,
    status,
    statusLabel: partyStatusLabel(party.kind, status),
    expiresAt: party.expiresAt.toISOString(),
    doneAt: party.doneAt?.toISOString(),
    doneBy: party.doneBy ?? undefined,
    resultVersion: party.resultVersion ?? undefined,
    smsCount: party.smsCount,
    link,
  };
}
