// What each object of one revision is for: page content, a page, an annotation, a form field, a
// signature, validation data… found by walking from the trailer the way a viewer would. Rules
// about what may change after a signature are stated in these roles.
import { PdfDict, PdfRef, PdfStream, decodeText, isName, namesOf, type PdfObject } from '../pdf/objects.ts';
import type { PdfReader } from '../pdf/reader.ts';

export type Role =
  | 'catalog'
  | 'pages'
  | 'page'
  /** page /Contents, /Resources and everything they use */
  | 'page-content'
  /** an indirect /Annots array */
  | 'annots'
  | 'annotation'
  | 'widget'
  /** appearance streams of annotations and widgets, with their resources */
  | 'appearance'
  | 'acroform'
  /** an indirect /Fields or /Kids array of the form */
  | 'fields'
  | 'form-field'
  | 'signature'
  | 'dss'
  | 'metadata'
  | 'info'
  | 'optional-content'
  | 'other';

// when one object serves two purposes, the more sensitive one decides what may happen to it
const RANK: Record<Role, number> = {
  'page-content': 10,
  page: 9,
  pages: 9,
  catalog: 9,
  'optional-content': 8,
  signature: 7,
  acroform: 6,
  fields: 6,
  'form-field': 6,
  widget: 5,
  annots: 5,
  annotation: 4,
  appearance: 4,
  other: 3,
  dss: 2,
  metadata: 1,
  info: 1,
};

export interface FieldFacts {
  name: string;
  isSignature: boolean;
  /** the field (or its merged widget) has a value: a signature field is signed */
  hasValue: boolean;
}

export interface RevisionRoles {
  roles: Map<number, Role>;
  /** the field each field/widget object number belongs to */
  fieldOf: Map<number, FieldFacts>;
  /** the page object number each annotation sits on, and that page's visible area */
  pageOf: Map<number, { page: number; area: number }>;
  /** the annotation an appearance object was first reached from */
  ownerOf: Map<number, number>;
  /** the objects that refer to each object (-1: the trailer) */
  referrers: Map<number, number[]>;
  catalog: number;
  pageRefs: number[];
}

type Ctx = { owner?: number; field?: FieldFacts; page?: { page: number; area: number } };

export function revisionRoles(reader: PdfReader): RevisionRoles {
  const roles = new Map<number, Role>();
  const fieldOf = new Map<number, FieldFacts>();
  const pageOf = new Map<number, { page: number; area: number }>();
  const ownerOf = new Map<number, number>();
  const queue: [PdfObject | undefined, Role, Ctx][] = [];
  const resolveDict = (o: PdfObject | undefined) => {
    try {
      return reader.dict(o);
    } catch {
      return undefined;
    }
  };

  /** Visits `o` as `role`; indirect objects are visited again only for a more sensitive role. */
  const visit = (o: PdfObject | undefined, role: Role, ctx: Ctx = {}) => queue.push([o, role, ctx]);

  const walk = (o: PdfObject | undefined, role: Role, ctx: Ctx) => {
    if (o instanceof PdfRef) {
      // an annotation's page is known only from the page's /Annots, whatever role wins
      if (ctx.page && (role === 'annotation' || role === 'widget') && !pageOf.has(o.num)) pageOf.set(o.num, ctx.page);
      const had = roles.get(o.num);
      if (had !== undefined && RANK[had] >= RANK[role]) return;
      roles.set(o.num, role);
      if (ctx.field && (role === 'form-field' || role === 'widget')) fieldOf.set(o.num, ctx.field);
      if (ctx.owner !== undefined && role === 'appearance' && !ownerOf.has(o.num)) ownerOf.set(o.num, ctx.owner);
      let target: PdfObject;
      try {
        target = reader.get(o);
      } catch {
        return;
      }
      const self = role === 'annotation' || role === 'widget' || role === 'form-field' ? { ...ctx, owner: o.num } : ctx;
      walkDirect(target, role, self, o.num);
      return;
    }
    walkDirect(o, role, ctx, undefined);
  };

  const walkDirect = (o: PdfObject | undefined, role: Role, ctx: Ctx, num: number | undefined) => {
    if (Array.isArray(o)) {
      for (const x of o) {
        if (role === 'annots') visit(x, annotRole(x), ctx);
        else if (role === 'pages') continue; // the kids, visited one by one as pages or page nodes
        else if (role === 'fields') visit(x, 'form-field', ctx);
        else visit(x, role, ctx);
      }
      return;
    }
    const d = o instanceof PdfStream ? o.dict : o instanceof PdfDict ? o : undefined;
    if (!d) return;
    for (const [k, v] of d.map) {
      if (k === 'Parent' || k === 'P' || (k === 'Data' && role === 'signature')) continue;
      const child = childRole(role, k, v, d, ctx, num);
      if (child) visit(v, child[0], child[1]);
    }
  };

  const annotRole = (x: PdfObject): Role => (isName(resolveDict(x)?.get('Subtype'), 'Widget') ? 'widget' : 'annotation');

  const fieldFacts = (d: PdfDict, parent?: FieldFacts): FieldFacts => {
    const t = decodeText(reader.resolve(d.get('T')));
    const name = t === undefined ? (parent?.name ?? '') : parent?.name ? `${parent.name}.${t}` : t;
    const ft = namesOf(reader.resolve(d.get('FT')));
    const isSignature = ft ? ft === 'Sig' : (parent?.isSignature ?? false);
    return { name, isSignature, hasValue: d.has('V') && reader.resolve(d.get('V')) !== null };
  };

  const childRole = (role: Role, k: string, v: PdfObject, d: PdfDict, ctx: Ctx, num: number | undefined): [Role, Ctx] | undefined => {
    switch (role) {
      case 'catalog':
        if (k === 'Pages') return ['pages', {}];
        if (k === 'AcroForm') return ['acroform', {}];
        if (k === 'DSS') return ['dss', {}];
        if (k === 'Metadata' || k === 'Extensions') return ['metadata', {}];
        if (k === 'OCProperties') return ['optional-content', {}];
        if (k === 'Perms') return ['signature', {}];
        return ['other', {}];
      case 'pages': {
        if (k === 'Kids') {
          const kids = reader.resolve(v);
          if (v instanceof PdfRef) visit(v, 'pages', {});
          if (Array.isArray(kids))
            for (const kid of kids) {
              const kd = resolveDict(kid);
              visit(kid, kd && (isName(kd.get('Type'), 'Pages') || kd.has('Kids')) ? 'pages' : 'page', {});
            }
          return undefined;
        }
        return ['page-content', {}];
      }
      case 'page': {
        if (k === 'Annots') {
          const page = { page: num ?? -1, area: pageArea(d) };
          if (v instanceof PdfRef) visit(v, 'annots', { page });
          else if (Array.isArray(v)) for (const a of v) visit(a, annotRole(a), { page });
          return undefined;
        }
        if (k === 'B' || k === 'StructParents' || k === 'Metadata' || k === 'PieceInfo') return ['other', {}];
        return ['page-content', {}];
      }
      case 'annotation':
      case 'widget': {
        if (k === 'AP' || k === 'MK') return ['appearance', { owner: ctx.owner }];
        if (k === 'Popup') return ['annotation', ctx];
        if (role === 'widget' || d.has('FT') || d.has('T')) return fieldChild(k, v, d, ctx);
        return ['annotation', ctx];
      }
      case 'acroform':
        if (k === 'Fields') {
          if (v instanceof PdfRef) visit(v, 'fields', {});
          const arr = reader.resolve(v);
          if (Array.isArray(arr)) for (const f of arr) visit(f, 'form-field', {});
          return undefined;
        }
        return ['acroform', {}];
      case 'form-field':
        return fieldChild(k, v, d, ctx);
      default:
        return [role, ctx];
    }
  };

  const fieldChild = (k: string, v: PdfObject, d: PdfDict, ctx: Ctx): [Role, Ctx] | undefined => {
    const facts = fieldFacts(d, ctx.field);
    if (k === 'Kids') {
      if (v instanceof PdfRef) visit(v, 'fields', {});
      const kids = reader.resolve(v);
      if (Array.isArray(kids))
        for (const kid of kids) {
          const kd = resolveDict(kid);
          const isWidget = kd && (isName(kd.get('Subtype'), 'Widget') || !kd.has('T'));
          visit(kid, isWidget ? 'widget' : 'form-field', { field: isWidget ? facts : facts });
        }
      return undefined;
    }
    if (k === 'V' && facts.isSignature) return ['signature', {}];
    if (k === 'AP' || k === 'MK') return ['appearance', { owner: ctx.owner }];
    if (k === 'Lock' || k === 'SV') return ['signature', {}];
    return ['form-field', { field: facts }];
  };

  /** A widget reached from a page: its field is found by climbing /Parent. */
  const factsWithParents = (d: PdfDict): FieldFacts => {
    const chain: PdfDict[] = [d];
    for (let p = resolveDict(d.get('Parent')); p && chain.length < 32; p = resolveDict(p.get('Parent'))) chain.unshift(p);
    let facts: FieldFacts | undefined;
    for (const x of chain) facts = fieldFacts(x, facts);
    const field = chain.length > 1 && !d.has('T') ? chain[chain.length - 2] : d;
    return { ...facts!, hasValue: field.has('V') || d.has('V') };
  };

  const pageArea = (d: PdfDict): number => {
    const box = reader.resolve(d.get('CropBox') ?? d.get('MediaBox'));
    if (!Array.isArray(box) || box.length !== 4) return 612 * 792;
    const [x0, y0, x1, y1] = box.map((x) => Number(reader.resolve(x)) || 0);
    return Math.abs((x1 - x0) * (y1 - y0)) || 612 * 792;
  };

  const catalog = reader.catalogRef.num;
  // the field facts of a field object are those of the field itself, not of its parent
  const walkField = (o: PdfObject | undefined, role: Role, ctx: Ctx) => {
    if ((role === 'form-field' || role === 'widget') && o instanceof PdfRef) {
      const d = resolveDict(o);
      if (d && role === 'form-field') ctx = { ...ctx, field: fieldFacts(d, ctx.field) };
      if (d && role === 'widget' && !ctx.field) ctx = { ...ctx, field: factsWithParents(d) };
    }
    walk(o, role, ctx);
  };
  visit(reader.trailer.get('Root'), 'catalog');
  visit(reader.trailer.get('Info'), 'info');
  for (let i = 0; i < queue.length; i++) {
    const [o, role, ctx] = queue[i];
    walkField(o, role, ctx);
  }
  const pageRefs: number[] = [];
  try {
    for (const p of reader.pages()) if (p.ref) pageRefs.push(p.ref.num);
  } catch {
    /* a broken page tree: roles above still hold */
  }
  const referrers = new Map<number, number[]>();
  const count = (from: number, o: PdfObject | undefined) => {
    for (const n of new Set(refsIn(o))) {
      const list = referrers.get(n);
      if (list) list.push(from);
      else referrers.set(n, [from]);
    }
  };
  count(-1, reader.trailer);
  for (const n of roles.keys()) count(n, reader.tryGet(new PdfRef(n, 0)));
  return { roles, fieldOf, pageOf, ownerOf, referrers, catalog, pageRefs };
}

/** Whether an object is shown from more than one place, directly or through a shared parent. */
export function sharedElsewhere(r: RevisionRoles, num: number, depth = 0): boolean {
  const from = r.referrers.get(num) ?? [];
  if (from.length > 1) return true;
  if (from.length === 0 || depth > 16) return false;
  return r.roles.get(from[0]) === 'appearance' && sharedElsewhere(r, from[0], depth + 1);
}

/** Every indirect reference an object holds directly (not through other indirect objects). */
export function refsIn(o: PdfObject | undefined, out: number[] = []): number[] {
  if (o instanceof PdfRef) out.push(o.num);
  else if (Array.isArray(o)) for (const x of o) refsIn(x, out);
  else if (o instanceof PdfDict) for (const v of o.map.values()) refsIn(v, out);
  else if (o instanceof PdfStream) for (const v of o.dict.map.values()) refsIn(v, out);
  return out;
}
