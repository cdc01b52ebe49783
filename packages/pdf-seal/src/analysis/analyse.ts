// The change analysis of a whole document: its revisions, what each later revision changed
// object by object, and for each signature whether what came after it was allowed.
import { PdfDict, PdfRef, PdfString, decodeText, isName, namesOf, type PdfObject } from '../pdf/objects.ts';
import type { PdfReader } from '../pdf/reader.ts';
import { listFields, type FieldInfo } from '../sign/structure.ts';
import type { SignatureReport } from '../types.ts';
import { changedKeys, diffRevisions } from './diff.ts';
import { listRevisions, revisionEndingAt, type Revision } from './revisions.ts';
import { classify, type ObjectChange, type Policy } from './rules.ts';
import { revisionRoles, type RevisionRoles } from './roles.ts';

export interface SignedField {
  field: string;
  /** the object holding the signature dictionary (the dictionary itself, or its field) */
  holder: number;
  sig: PdfDict;
  byteRange: number[] | undefined;
  /** revision index whose end the ByteRange reaches; undefined when it ends elsewhere */
  revision: number | undefined;
  /** DocMDP P when this is a certification signature */
  certifies: 1 | 2 | 3 | undefined;
  /** FieldMDP / field lock this signature applies once made */
  lock: { action: 'All' | 'Include' | 'Exclude'; fields: string[]; p?: 1 | 2 | 3 } | undefined;
}

export interface DocumentAnalysis {
  /** undefined when the cross-reference chain could not be followed (a damaged file) */
  revisions: Revision[] | undefined;
  /** changes[i]: what revision i changed against revision i-1 (changes[0] is empty) */
  changes: ObjectChange[][];
  signed: SignedField[];
  /** bytes after the last revision's end that are not blank */
  trailingData: boolean;
  /** revisions whose cross-references are damaged: what they changed cannot be told */
  unjudged: Set<number>;
}

const mdpLevel = (p: PdfObject | undefined): 1 | 2 | 3 => (p === 1 || p === 3 ? p : 2);

function transforms(reader: PdfReader, sig: PdfDict): { certifies?: 1 | 2 | 3; lock?: SignedField['lock'] } {
  const out: { certifies?: 1 | 2 | 3; lock?: SignedField['lock'] } = {};
  const refs = reader.resolve(sig.get('Reference'));
  if (!Array.isArray(refs)) return out;
  for (const r of refs) {
    const d = reader.dict(r);
    const method = namesOf(reader.resolve(d?.get('TransformMethod')));
    const params = reader.dict(d?.get('TransformParams'));
    if (method === 'DocMDP') out.certifies = mdpLevel(reader.resolve(params?.get('P')));
    if (method === 'FieldMDP' && params) out.lock = lockOf(reader, params);
  }
  return out;
}

function lockOf(reader: PdfReader, d: PdfDict): SignedField['lock'] {
  const action = namesOf(reader.resolve(d.get('Action')));
  const fields = reader.resolve(d.get('Fields'));
  const names = Array.isArray(fields) ? fields.map((f) => decodeText(reader.resolve(f))).filter((x): x is string => x !== undefined) : [];
  const p = reader.resolve(d.get('P'));
  return {
    action: action === 'Include' || action === 'Exclude' ? action : 'All',
    fields: names,
    p: p === 1 || p === 2 || p === 3 ? p : undefined,
  };
}

/**
 * The form's fields, plus signature widgets that sit on a page but were never registered in
 * /AcroForm /Fields (poppler's `pdfsig -add-signature` leaves them so when the form dictionary
 * is direct): viewers still show and check them, so the verifier must too.
 */
export function fieldsWithStraySignatures(reader: PdfReader): FieldInfo[] {
  const fields = listFields(reader);
  const known = new Set(fields.map((f) => f.dict));
  let pages;
  try {
    pages = reader.pages();
  } catch {
    return fields;
  }
  for (const p of pages) {
    const annots = reader.resolve(p.dict.get('Annots'));
    if (!Array.isArray(annots)) continue;
    for (const a of annots) {
      const d = reader.dict(a);
      if (!d || known.has(d) || !isName(d.get('Subtype'), 'Widget') || d.has('Parent')) continue;
      if (namesOf(reader.resolve(d.get('FT'))) !== 'Sig' || !reader.dict(d.get('V'))) continue;
      known.add(d);
      fields.push({ name: decodeText(reader.resolve(d.get('T'))) ?? '', ref: a instanceof PdfRef ? a : undefined, dict: d });
    }
  }
  return fields;
}

/** Signature fields that hold a signature value, with where their signature dictionary lives. */
export function signedFields(reader: PdfReader, revisions: Revision[] | undefined): SignedField[] {
  const out: SignedField[] = [];
  for (const f of fieldsWithStraySignatures(reader)) {
    const vRaw = f.dict.get('V');
    const sig = reader.dict(vRaw);
    if (!sig || !(reader.resolve(sig.get('Contents')) instanceof PdfString)) continue;
    if (namesOf(reader.resolve(f.dict.get('FT'))) !== 'Sig' && !sig.has('ByteRange')) continue;
    const holder = vRaw instanceof PdfRef ? vRaw.num : (f.ref?.num ?? -1);
    const brRaw = reader.resolve(sig.get('ByteRange'));
    const br = Array.isArray(brRaw) ? brRaw.map((x) => reader.resolve(x)) : undefined;
    const byteRange = br && br.every((x) => typeof x === 'number') ? (br as number[]) : undefined;
    const end = byteRange?.length === 4 ? byteRange[2] + byteRange[3] : undefined;
    const revision = revisions && end !== undefined ? revisionEndingAt(revisions, end)?.index : undefined;
    const t = transforms(reader, sig);
    const fieldLock = reader.dict(f.dict.get('Lock'));
    out.push({ field: f.name, holder, sig, byteRange, revision, certifies: t.certifies, lock: t.lock ?? (fieldLock ? lockOf(reader, fieldLock) : undefined) });
  }
  return out;
}

function policyBefore(revision: number, signed: SignedField[]): Policy {
  let mdp: Policy['mdp'] = 0;
  const locks: NonNullable<SignedField['lock']>[] = [];
  const tighten = (p: 1 | 2 | 3) => {
    if (mdp === 0 || p < mdp) mdp = p;
  };
  for (const s of signed) {
    if (s.revision === undefined || s.revision >= revision) continue;
    if (s.certifies) tighten(s.certifies);
    if (s.lock) {
      locks.push(s.lock);
      if (s.lock.p) tighten(s.lock.p);
    }
  }
  return {
    mdp,
    lockedFields: (name) =>
      locks.some((l) => (l.action === 'All' ? true : l.action === 'Include' ? l.fields.includes(name) : !l.fields.includes(name))),
  };
}

/** `everyRevision`: judge revisions before the first signature too (for listing them). */
export function analyseDocument(reader: PdfReader, opts: { everyRevision?: boolean } = {}): DocumentAnalysis {
  const revisions = listRevisions(reader);
  const signed = signedFields(reader, revisions);
  const changes: ObjectChange[][] = [[]];
  const unjudged = new Set<number>();
  if (!revisions) return { revisions, changes, signed, trailingData: false, unjudged };
  const last = revisions[revisions.length - 1];
  let trailingData = false;
  if (last.end < reader.size) {
    const rest = Buffer.from(reader.source.read(last.end, Math.min(reader.size - last.end, 4096)));
    trailingData = reader.size - last.end > 4096 || !/^[\s\0]*$/.test(rest.toString('latin1'));
  }
  const roles = new Map<number, RevisionRoles>();
  const rolesOf = (r: Revision) => {
    let x = roles.get(r.index);
    if (!x) roles.set(r.index, (x = revisionRoles(r.reader)));
    return x;
  };
  // the earliest revision a signature covers: nothing before it needs judging
  const firstSigned = opts.everyRevision ? 0 : Math.min(...signed.map((s) => s.revision ?? Infinity));
  for (let i = 1; i < revisions.length; i++) {
    if (i <= firstSigned) {
      changes.push([]);
      continue;
    }
    const prev = revisions[i - 1];
    const next = revisions[i];
    if (next.reader.reconstructed || prev.reader.reconstructed) {
      unjudged.add(i);
      changes.push([]);
      continue;
    }
    const raw = diffRevisions(prev.reader, next.reader, next.start);
    const ctx = {
      revision: i,
      prev: prev.reader,
      next: next.reader,
      prevRoles: rolesOf(prev),
      nextRoles: rolesOf(next),
      written: new Set(raw.map((c) => c.num)),
      policy: policyBefore(i, signed),
    };
    const list = raw.map((c) => classify(c, ctx));
    if (prev.reader.catalogRef.num !== next.reader.catalogRef.num)
      list.push({ revision: i, object: `${next.reader.catalogRef.num} 0`, kind: 'other', action: 'changed', allowed: false, reason: '文件尾（trailer）的 /Root 被指向另一个文档目录' });
    const trailerKeys = changedTrailerKeys(prev.reader, next.reader);
    if (trailerKeys.length)
      list.push({ revision: i, object: '-', kind: 'other', action: 'changed', allowed: false, reason: `文件尾（trailer）的 ${trailerKeys.join('、')} 被修改` });
    if (!prev.reader.encrypted && next.reader.encrypted)
      list.push({ revision: i, object: '-', kind: 'other', action: 'added', allowed: false, reason: '签名后文件被加密' });
    changes.push(list);
  }
  return { revisions, changes, signed, trailingData, unjudged };
}

// keys every incremental update rewrites; /Root and /Encrypt are judged on their own
const TRAILER_BOOKKEEPING = new Set(['Size', 'Prev', 'ID', 'Info', 'XRefStm', 'Root', 'Encrypt', 'Length', 'DecodeParms', 'Filter', 'W', 'Index', 'Type']);

function changedTrailerKeys(prev: PdfReader, next: PdfReader): string[] {
  return changedKeys(prev, next, prev.trailer, next.trailer).filter((k) => !TRAILER_BOOKKEEPING.has(k));
}

export type ModificationsAfter = 'none' | 'allowed' | 'disallowed' | 'unknown';

/** What happened after one signature, from the analysis of the whole document. */
export function judgeSignature(a: DocumentAnalysis, s: SignedField | undefined): { modificationsAfter: ModificationsAfter; changes: ObjectChange[]; problems: string[] } {
  const problems: string[] = [];
  if (!a.revisions) return { modificationsAfter: 'unknown', changes: [], problems: ['文件的交叉引用结构已损坏，无法判断签章后的修改'] };
  if (!s || s.revision === undefined) return { modificationsAfter: 'unknown', changes: [], problems: ['签名范围没有在文件某个版本的结尾（%%EOF）处结束'] };
  const changes = a.changes.slice(s.revision + 1).flat();
  if (a.trailingData) problems.push('文件末尾有不属于任何版本的数据');
  if (changes.some((c) => !c.allowed)) {
    problems.push('签章后文件被以不允许的方式修改');
    return { modificationsAfter: 'disallowed', changes, problems };
  }
  if ([...a.unjudged].some((i) => i > s.revision!)) {
    problems.push('签章之后的某个版本的交叉引用表已损坏，无法判断修改内容');
    return { modificationsAfter: 'unknown', changes, problems };
  }
  if (a.trailingData) return { modificationsAfter: 'unknown', changes, problems };
  return { modificationsAfter: s.revision === a.revisions.length - 1 || changes.length === 0 ? 'none' : 'allowed', changes, problems };
}

/** Whether the signature dictionary sits where its ByteRange says its /Contents is. */
export function contentsWhereExpected(a: DocumentAnalysis, s: SignedField): boolean {
  if (!a.revisions || s.revision === undefined || !s.byteRange || s.byteRange.length !== 4) return false;
  const rev = a.revisions[s.revision];
  const e = rev.reader.xref.get(s.holder);
  if (!e || e.type !== 1) return false; // a signature value cannot sit in a compressed object stream
  const gapStart = s.byteRange[1];
  if (e.offset >= gapStart || gapStart - e.offset > 1 << 20 || e.offset < rev.start || gapStart > rev.end) return false;
  const text = Buffer.from(rev.reader.source.read(e.offset, gapStart - e.offset)).toString('latin1');
  return new RegExp(`^${s.holder}\\s+\\d+\\s+obj\\b`).test(text) && /\/Contents\s*$/.test(text) && !/endobj/.test(text);
}

export const isCertification = (s: SignedField) => s.certifies !== undefined;
export const docTimestamp = (s: SignedField) => isName(s.sig.get('Type'), 'DocTimeStamp');

/** The strict-ByteRange and change-analysis verdicts, added to a signature's report. */
export function applyAnalysis(a: DocumentAnalysis, field: string, sig: PdfDict, size: number, report: SignatureReport): void {
  const s = a.signed.find((x) => x.sig === sig) ?? a.signed.find((x) => x.field === field);
  const judged = judgeSignature(a, s);
  report.changes = judged.changes;
  if (a.revisions && s) {
    const brOk = s.byteRange?.length === 4 && s.byteRange[0] === 0;
    if (s.revision === undefined) {
      report.coverage = 'partial';
    } else if (brOk) {
      const last = a.revisions.length - 1;
      report.coverage = s.revision === last && (a.revisions[last].end === size || !a.trailingData) ? 'entire-file' : 'entire-revision';
      if (!contentsWhereExpected(a, s)) {
        report.intact = false;
        report.coverage = 'partial';
        judged.problems.push('ByteRange 的间隙不是该签名字典自己的 /Contents（签名包装攻击）');
      }
    }
  }
  if (!a.revisions && report.coverage === 'entire-file') {
    // a damaged cross-reference chain, but nothing follows this signature: nothing to judge
    report.modificationsAfter = 'none';
    return;
  }
  for (const p of judged.problems) if (!report.problems.includes(p)) report.problems.push(p);
  report.modificationsAfter = report.coverage === 'partial' ? (judged.modificationsAfter === 'disallowed' ? 'disallowed' : 'unknown') : judged.modificationsAfter;
}

/**
 * Why a new signature may not be added, if it may not: a certification (DocMDP P=1) or a
 * signed field's PDF 2.0 lock forbids every change, or a certification was asked for on a
 * document that is already signed (certification must come first).
 */
export function signingRefusal(reader: PdfReader, docMdp: number | undefined, certify: number | undefined): string | undefined {
  const signed = signedFields(reader, undefined);
  if (docMdp === 1 || signed.some((s) => s.certifies === 1)) return '文件的认证签章（DocMDP P=1）不允许任何修改，不能再签章';
  const locked = signed.find((s) => s.lock?.p === 1);
  if (locked) return `签章“${locked.field}”锁定了文件（P=1），不能再签章`;
  if (certify && (docMdp !== undefined || signed.some((s) => s.certifies))) return '文件已有认证签章';
  if (certify && signed.length) return '认证签章必须是文件的第一个签章，该文件已有签章';
  return undefined;
}
