// What may change after a signature, object by object. Signing, validation data (DSS), form
// filling and — where no certification forbids it — annotating are allowed, as ISO 32000 DocMDP
// and FieldMDP describe them; anything that can change what a page shows is not. Every verdict
// carries its reason in words the hall shows to window staff.
//
// The policy, decided here (pyHanko's diff_analysis and EU DSS's pdf/modifications were read for
// the ideas; no code is shared):
// - always allowed: DSS/VRI and document timestamps (PAdES B-LT/LTA, even under P=1); xref and
//   object streams; /Info and the catalog's /Metadata, /Extensions and /Version (they describe the
//   file, they are not drawn); objects nothing refers to.
// - no certification, P=2 and P=3: new signature fields with their widgets and appearances,
//   /AcroForm /Fields and page /Annots growing (direct or indirect arrays), signing an empty
//   signature field (its own placeholder appearance may be redrawn), filling form fields that no
//   FieldMDP lock froze. P=1: none of these.
// - no certification and P=3: adding, changing and deleting comments (non-widget annotations),
//   and adding non-signature fields. P=2: not.
// - never: page /Contents, /Resources, boxes, /Rotate or anything they use; the page tree; the
//   catalog's other keys (/OCProperties, /OpenAction, /Names…); optional-content settings; a
//   signed signature or its appearance; an appearance object shown from more than one place;
//   an xref entry pointing back into bytes written before the revision (incremental saving
//   attack); a new or changed object referring to an object the previous revision had but did
//   not use (shadow hide-and-replace); a new annotation or widget whose appearance spreads over
//   half its page or more (shadow hide, sneaky signature); a different /Root; new trailer keys.
import { PdfDict, PdfRef, PdfStream, isName, type PdfObject } from '../pdf/objects.ts';
import type { PdfReader } from '../pdf/reader.ts';
import { changedKeys, dictOf, type RawChange } from './diff.ts';
import { refsIn, sharedElsewhere, type RevisionRoles, type Role } from './roles.ts';

export type ChangeKind = 'page-content' | 'annotation' | 'form-field' | 'signature' | 'dss' | 'other';

export interface ObjectChange {
  /** index of the revision that made the change */
  revision: number;
  /** "12 0" */
  object: string;
  kind: ChangeKind;
  action: 'added' | 'changed' | 'deleted';
  allowed: boolean;
  reason: string;
}

/** What the signatures made before a revision permit it to do. */
export interface Policy {
  /** DocMDP P of a certification (or a PDF 2.0 field lock) in force; 0 when none */
  mdp: 0 | 1 | 2 | 3;
  /** full names of fields whose value a FieldMDP lock froze */
  lockedFields: (name: string) => boolean;
}

export interface RevisionContext {
  revision: number;
  prev: PdfReader;
  next: PdfReader;
  prevRoles: RevisionRoles;
  nextRoles: RevisionRoles;
  /** object numbers this revision wrote */
  written: Set<number>;
  policy: Policy;
}

/** An appearance covering at least this share of its page is treated as covering the content. */
export const COVERING_SHARE = 0.5;

const CATALOG_KEYS_ALLOWED = new Set(['AcroForm', 'DSS', 'Metadata', 'Extensions', 'Version']);
const ACROFORM_KEYS_ALLOWED = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
const SIG_FIELD_FILL_KEYS = new Set(['V', 'AP', 'AS', 'F', 'MK', 'P', 'Ff', 'DA']);
const FORM_FILL_KEYS = new Set(['V', 'AS', 'AP', 'MK']);

const kindOf = (role: Role | undefined, isSig = false): ChangeKind => {
  switch (role) {
    case 'page-content':
    case 'page':
    case 'pages':
    case 'optional-content':
      return 'page-content';
    case 'annots':
    case 'annotation':
      return 'annotation';
    case 'widget':
    case 'form-field':
    case 'fields':
    case 'acroform':
      return isSig ? 'signature' : 'form-field';
    case 'appearance':
      return isSig ? 'signature' : 'annotation';
    case 'signature':
      return 'signature';
    case 'dss':
      return 'dss';
    default:
      return 'other';
  }
};

type Verdict = { allowed: boolean; reason: string; kind?: ChangeKind };
const ok = (reason: string, kind?: ChangeKind): Verdict => ({ allowed: true, reason, kind });
const no = (reason: string, kind?: ChangeKind): Verdict => ({ allowed: false, reason, kind });

const isBookkeeping = (o: PdfObject) => o instanceof PdfStream && (isName(o.dict.get('Type'), 'XRef') || isName(o.dict.get('Type'), 'ObjStm'));

const refNums = (r: PdfReader, o: PdfObject | undefined): number[] => {
  const a = r.resolve(o);
  return Array.isArray(a) ? a.filter((x): x is PdfRef => x instanceof PdfRef).map((x) => x.num) : [];
};

export function classify(c: RawChange, ctx: RevisionContext): ObjectChange {
  const v = verdict(c, ctx);
  const role = ctx.nextRoles.roles.get(c.num) ?? ctx.prevRoles.roles.get(c.num);
  const field = ctx.nextRoles.fieldOf.get(c.num) ?? ctx.prevRoles.fieldOf.get(c.num);
  const owner = ctx.nextRoles.ownerOf.get(c.num);
  const ownerIsSig = owner !== undefined && ctx.nextRoles.fieldOf.get(owner)?.isSignature;
  const after = dictOf(c.after);
  const isSigDict = after !== undefined && (isName(after.get('Type'), 'Sig') || isName(after.get('Type'), 'DocTimeStamp'));
  return {
    revision: ctx.revision,
    object: `${c.num} ${c.gen}`,
    kind: v.kind ?? (isSigDict ? 'signature' : kindOf(role, field?.isSignature || ownerIsSig)),
    action: c.action,
    allowed: v.allowed,
    reason: v.reason,
  };
}

function verdict(c: RawChange, ctx: RevisionContext): Verdict {
  const { prevRoles, nextRoles, policy } = ctx;
  if (c.repointed) return no('交叉引用被改为指向签名范围内的旧数据（增量保存攻击）', 'other');
  const prevRole = prevRoles.roles.get(c.num);
  const nextRole = nextRoles.roles.get(c.num);

  if (c.action === 'deleted') {
    if (prevRole === undefined) return ok('删除了签名时未被使用的对象');
    if (prevRole === 'annotation' && (policy.mdp === 0 || policy.mdp === 3)) return ok('删除了注释');
    return no('删除了签名时使用的对象');
  }

  // an object that refers to something the earlier revision had but did not use brings hidden
  // content to life (shadow attack, hide-and-replace)
  if (nextRole !== undefined) {
    for (const n of refsIn(c.after)) {
      if (ctx.written.has(n) || prevRoles.roles.has(n) || n === c.num) continue;
      const e = ctx.prev.xref.get(n);
      if (e && e.type !== 0) return no(`启用了签名时存在但未被使用的对象 ${n}（影子攻击）`);
    }
  }

  if (c.action === 'added' || prevRole === undefined) {
    const what = c.action === 'added' ? '新增' : '重新定义了签名时未使用的对象编号为';
    if (nextRole === undefined) return ok(isBookkeeping(c.after) ? '文件结构记录（交叉引用流、对象流）' : `${what}未被引用的对象，不影响显示`);
    return added(c, nextRole, ctx);
  }
  return changed(c, prevRole, nextRole, ctx);
}

function pageShare(ctx: RevisionContext, num: number, annot: PdfDict | undefined): number {
  const page = ctx.nextRoles.pageOf.get(num);
  const rect = ctx.next.resolve(annot?.get('Rect'));
  if (!page || !Array.isArray(rect) || rect.length !== 4) return 0;
  const [x0, y0, x1, y1] = rect.map((x) => Number(ctx.next.resolve(x)) || 0);
  return Math.abs((x1 - x0) * (y1 - y0)) / page.area;
}

function hasAppearance(r: PdfReader, d: PdfDict | undefined): boolean {
  return r.dict(d?.get('AP')) !== undefined;
}

/** An annotation (or widget) with an appearance spread over most of its page. */
function covers(ctx: RevisionContext, num: number, d: PdfDict | undefined): boolean {
  return hasAppearance(ctx.next, d) && pageShare(ctx, num, d) >= COVERING_SHARE;
}

function added(c: RawChange, role: Role, ctx: RevisionContext): Verdict {
  const { policy } = ctx;
  const d = dictOf(c.after);
  const field = ctx.nextRoles.fieldOf.get(c.num);
  switch (role) {
    case 'signature':
      if (d && isName(d.get('Type'), 'DocTimeStamp')) return ok('新增文档时间戳', 'signature');
      if (policy.mdp === 1) return no('认证签章不允许任何修改（P=1），包括再签章', 'signature');
      return ok('新增签章', 'signature');
    case 'dss':
      return ok('新增长期验证数据（DSS）', 'dss');
    case 'metadata':
    case 'info':
      return ok('文档信息或元数据更新，不影响页面内容', 'other');
    case 'form-field':
    case 'widget':
    case 'fields': {
      if (field?.isSignature || (role === 'fields' && policy.mdp !== 1)) {
        if (policy.mdp === 1 && !isDocTimestampField(ctx, d)) return no('认证签章不允许任何修改（P=1），包括再签章', 'signature');
        if (covers(ctx, c.num, d)) return no('新增签章的外观覆盖了页面的大部分内容（可能遮盖原文）', 'signature');
        return ok(role === 'widget' ? '新增签章域的外观（印章）' : '新增签章域', 'signature');
      }
      if (policy.mdp === 1 || policy.mdp === 2) return no('认证签章不允许新增表单域', 'form-field');
      if (covers(ctx, c.num, d)) return no('新增表单域的外观覆盖了页面的大部分内容（可能遮盖原文）', 'form-field');
      return ok('新增表单域', 'form-field');
    }
    case 'annots':
      return ok('新建页面注释列表', 'annotation');
    case 'annotation':
      if (policy.mdp === 1 || policy.mdp === 2) return no(`认证签章（P=${policy.mdp}）不允许新增注释`, 'annotation');
      if (covers(ctx, c.num, d)) return no('新增注释覆盖了页面的大部分内容（可能遮盖原文）', 'annotation');
      return ok('新增注释', 'annotation');
    case 'appearance': {
      const owner = ctx.nextRoles.ownerOf.get(c.num);
      if (owner !== undefined && !ctx.written.has(owner)) {
        const f = ctx.nextRoles.fieldOf.get(owner);
        if (!f || f.isSignature) return no('已有注释或签章的外观被替换', 'annotation');
      }
      return ok('新注释或签章外观使用的对象');
    }
    case 'acroform':
      if (policy.mdp === 1) return no('认证签章不允许任何修改（P=1）', 'form-field');
      return ok('新建表单（AcroForm）', 'form-field');
    case 'page-content':
      return no('新增了页面内容使用的对象', 'page-content');
    case 'page':
    case 'pages':
      return no('新增了页面', 'page-content');
    case 'catalog':
      return no('文档目录被替换', 'other');
    case 'optional-content':
      return no('可选内容（图层）设置被改变', 'page-content');
    default:
      return no('新增了与签章、表单、注释无关的对象', 'other');
  }
}

function isDocTimestampField(ctx: RevisionContext, d: PdfDict | undefined): boolean {
  return isName(ctx.next.dict(d?.get('V'))?.get('Type'), 'DocTimeStamp');
}

function changed(c: RawChange, prevRole: Role, nextRole: Role | undefined, ctx: RevisionContext): Verdict {
  const { prev, next, policy } = ctx;
  const a = dictOf(c.before);
  const b = dictOf(c.after);
  const keys = a && b ? changedKeys(prev, next, a, b) : undefined;
  const only = (allowed: Set<string> | string[]) => keys !== undefined && keys.every((k) => (allowed instanceof Set ? allowed.has(k) : allowed.includes(k)));
  const grows = (before: number[], after: number[]) => before.every((n) => after.includes(n));
  const sig = (n: number) => ctx.prevRoles.fieldOf.get(n)?.isSignature ?? false;

  switch (prevRole) {
    case 'catalog': {
      if (!only(CATALOG_KEYS_ALLOWED)) return no(`文档目录被修改（${(keys ?? ['?']).filter((k) => !CATALOG_KEYS_ALLOWED.has(k)).join('、')}）`, 'other');
      if (keys!.includes('AcroForm')) {
        const fa = prev.dict(a!.get('AcroForm'));
        const fb = next.dict(b!.get('AcroForm'));
        if (!fb) return no('表单（AcroForm）被删除', 'form-field');
        if (fa) {
          const v = acroFormVerdict(prev, next, fa, fb, policy);
          if (!v.allowed) return v;
        }
      }
      if (policy.mdp === 1 && keys!.some((k) => k !== 'DSS' && k !== 'Extensions')) return no('认证签章不允许任何修改（P=1）', 'other');
      const kind = keys!.every((k) => k === 'DSS') ? 'dss' : keys!.every((k) => k === 'AcroForm') ? 'form-field' : 'other';
      return ok(keys!.length ? `文档目录更新（${keys!.join('、')}）` : '文档目录重写，内容未变', kind);
    }
    case 'acroform':
      if (!a || !b) return no('表单（AcroForm）被替换', 'form-field');
      return acroFormVerdict(prev, next, a, b, policy);
    case 'fields':
    case 'annots': {
      const before = refNums(prev, c.before);
      const after = refNums(next, c.after);
      const kind = prevRole === 'fields' ? 'form-field' : 'annotation';
      if (!Array.isArray(c.after)) return no(prevRole === 'fields' ? '表单域列表被替换' : '页面注释列表被替换', kind);
      if (!grows(before, after)) {
        const removed = before.filter((n) => !after.includes(n));
        const onlyAnnots = removed.every((n) => ctx.prevRoles.roles.get(n) === 'annotation');
        if (!(onlyAnnots && (policy.mdp === 0 || policy.mdp === 3))) return no(prevRole === 'fields' ? '删除了表单域' : '删除了页面上的签章或注释', kind);
      }
      if (policy.mdp === 1) return no('认证签章不允许任何修改（P=1）', kind);
      return ok(prevRole === 'fields' ? '表单域列表增加了新域' : '页面注释列表增加了新注释', kind);
    }
    case 'page': {
      if (!keys) return no('页面被替换', 'page-content');
      const bad = keys.filter((k) => k !== 'Annots');
      if (bad.length) return no(`页面的 ${bad.join('、')} 被修改（页面内容改变）`, 'page-content');
      if (!keys.length) return ok('页面重写，内容未变', 'annotation');
      if (policy.mdp === 1) return no('认证签章不允许任何修改（P=1）', 'annotation');
      const before = refNums(prev, a!.get('Annots'));
      const after = refNums(next, b!.get('Annots'));
      if (!grows(before, after)) {
        const removed = before.filter((n) => !after.includes(n));
        if (!(removed.every((n) => ctx.prevRoles.roles.get(n) === 'annotation') && (policy.mdp === 0 || policy.mdp === 3))) return no('删除了页面上的签章或注释', 'annotation');
      }
      return ok('页面注释列表增加了新注释', 'annotation');
    }
    case 'form-field':
    case 'widget': {
      const f = ctx.prevRoles.fieldOf.get(c.num);
      const kind: ChangeKind = f?.isSignature ? 'signature' : 'form-field';
      if (!keys) return no('表单域被替换', kind);
      if (!keys.length) return ok('表单域重写，内容未变', kind);
      if (policy.mdp === 1) return no('认证签章不允许任何修改（P=1）', kind);
      if (f?.isSignature) {
        if (f.hasValue) return no(`已签名的签章域“${f.name}”被修改`, 'signature');
        if (!only(SIG_FIELD_FILL_KEYS)) return no(`签章域“${f.name}”的 ${keys.filter((k) => !SIG_FIELD_FILL_KEYS.has(k)).join('、')} 被修改`, 'signature');
        return ok(`在已有的空签章域“${f.name}”中签章`, 'signature');
      }
      if (f && policy.lockedFields(f.name)) return no(`表单域“${f.name}”已被签章锁定（FieldMDP）`, 'form-field');
      // an existing widget's appearance replaced: allowed only as part of filling its field
      if (!only(FORM_FILL_KEYS)) return no(`表单域${f ? `“${f.name}”` : ''}的 ${keys.filter((k) => !FORM_FILL_KEYS.has(k)).join('、')} 被修改`, 'form-field');
      return ok(`填写表单域${f ? `“${f.name}”` : ''}`, 'form-field');
    }
    case 'appearance': {
      const owner = ctx.prevRoles.ownerOf.get(c.num);
      const f = owner !== undefined ? ctx.prevRoles.fieldOf.get(owner) : undefined;
      // an appearance may be redrawn only for its own field, and only if nothing else shows it
      const shared = sharedElsewhere(ctx.prevRoles, c.num);
      if (f && !shared && policy.mdp !== 1) {
        if (f.isSignature && !f.hasValue && owner !== undefined && ctx.written.has(owner)) return ok(`在空签章域“${f.name}”中签章时更新了外观`, 'signature');
        if (!f.isSignature && !policy.lockedFields(f.name)) return ok(`填写表单域“${f.name}”时更新了外观`, 'form-field');
      }
      if (shared) return no('被多处使用的外观对象被修改（可能改变其他位置的显示）', f?.isSignature ? 'signature' : 'annotation');
      return no(owner !== undefined && sig(owner) ? '签章外观被替换（影子攻击）' : '已有注释的外观被替换（可能遮盖原文）', f?.isSignature ? 'signature' : 'annotation');
    }
    case 'annotation': {
      if (policy.mdp === 1 || policy.mdp === 2) return no(`认证签章（P=${policy.mdp}）不允许修改注释`, 'annotation');
      if (covers(ctx, c.num, b)) return no('注释被改为覆盖页面的大部分内容（可能遮盖原文）', 'annotation');
      return ok('修改了注释', 'annotation');
    }
    case 'signature':
      return no('已有签章的签名数据被修改', 'signature');
    case 'dss':
      return ok('长期验证数据（DSS）更新', 'dss');
    case 'metadata':
    case 'info':
      return ok('文档信息或元数据更新，不影响页面内容', 'other');
    case 'page-content':
      return no('页面内容或资源被修改', 'page-content');
    case 'pages':
      return no('页面树被修改（页面被增加、删除、替换或重排）', 'page-content');
    case 'optional-content':
      return no('可选内容（图层）的显示设置被改变（隐藏内容可能被显示）', 'page-content');
    default:
      void nextRole;
      return no('与签章、表单、注释无关的对象被修改', 'other');
  }
}

function acroFormVerdict(prev: PdfReader, next: PdfReader, a: PdfDict, b: PdfDict, policy: Policy): Verdict {
  const keys = changedKeys(prev, next, a, b);
  const bad = keys.filter((k) => !ACROFORM_KEYS_ALLOWED.has(k));
  if (bad.length) return no(`表单（AcroForm）的 ${bad.join('、')} 被修改`, 'form-field');
  if (keys.includes('Fields')) {
    const before = refNums(prev, a.get('Fields'));
    const after = refNums(next, b.get('Fields'));
    if (!before.every((n) => after.includes(n))) return no('删除了表单域', 'form-field');
  }
  if (policy.mdp === 1 && keys.length) return no('认证签章不允许任何修改（P=1）', 'form-field');
  return ok(keys.length ? '表单域列表增加了新域' : '表单重写，内容未变', 'form-field');
}
