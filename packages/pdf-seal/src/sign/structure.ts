import { PdfDict, PdfRef, PdfStream, decodeText, isName, type PdfObject } from '../pdf/objects.ts';
import type { PdfReader, PageRecord } from '../pdf/reader.ts';
import type { IncrementalUpdate } from '../pdf/writer.ts';

/** A mutable copy of an indirect dictionary or array, registered in the update once. */
export function editable<T extends PdfDict | PdfObject[]>(update: IncrementalUpdate, ref: PdfRef): T {
  if (update.has(ref)) return update.current(ref) as T;
  const o = update.current(ref);
  let copy: PdfObject;
  if (o instanceof PdfDict) copy = o.clone();
  else if (Array.isArray(o)) copy = o.slice();
  else if (o instanceof PdfStream) throw new Error(`object ${ref.num} is a stream`);
  else throw new Error(`object ${ref.num} is not editable`);
  update.set(ref, copy);
  return copy as T;
}

export interface FieldInfo {
  name: string;
  ref?: PdfRef;
  dict: PdfDict;
}

/** All terminal fields of the form with their full names. */
export function listFields(reader: PdfReader): FieldInfo[] {
  const out: FieldInfo[] = [];
  const acro = reader.dict(reader.catalog.get('AcroForm'));
  const fields = reader.resolve(acro?.get('Fields'));
  if (!Array.isArray(fields)) return out;
  const seen = new Set<number>();
  const walk = (o: PdfObject, prefix: string, depth: number) => {
    if (depth > 32) return;
    if (o instanceof PdfRef) {
      if (seen.has(o.num)) return;
      seen.add(o.num);
    }
    let d: PdfDict | undefined;
    try {
      d = reader.dict(o);
    } catch {
      return;
    }
    if (!d) return;
    const t = decodeText(reader.resolve(d.get('T')));
    const full = t === undefined ? prefix : prefix ? `${prefix}.${t}` : t;
    const kids = reader.resolve(d.get('Kids'));
    const fieldKids = Array.isArray(kids) ? kids.filter((k) => reader.dict(k)?.has('T')) : [];
    if (fieldKids.length) for (const k of fieldKids) walk(k, full, depth + 1);
    else if (t !== undefined || d.has('FT')) out.push({ name: full, ref: o instanceof PdfRef ? o : undefined, dict: d });
  };
  for (const f of fields) walk(f, '', 0);
  return out;
}

export function uniqueFieldName(reader: PdfReader, wanted?: string): string {
  const names = new Set(listFields(reader).map((f) => f.name));
  if (wanted) {
    if (names.has(wanted)) throw new Error(`field ${wanted} exists`);
    return wanted;
  }
  for (let i = 1; ; i++) if (!names.has(`Signature${i}`)) return `Signature${i}`;
}

/** Adds the new field to /AcroForm /Fields and sets /SigFlags 3, touching as little as possible. */
export function registerField(update: IncrementalUpdate, reader: PdfReader, fieldRef: PdfRef, catalogEdits?: (c: PdfDict) => void): void {
  const catRef = reader.catalogRef;
  const acroRaw = reader.catalog.get('AcroForm');
  let acro: PdfDict;
  let catalog: PdfDict | undefined;
  if (acroRaw instanceof PdfRef && reader.resolve(acroRaw) instanceof PdfDict) {
    acro = editable<PdfDict>(update, acroRaw);
  } else {
    catalog = editable<PdfDict>(update, catRef);
    const existing = reader.resolve(acroRaw);
    if (existing instanceof PdfDict) {
      // a direct form dictionary stays direct, edited inside the catalog
      acro = existing.clone();
      catalog.set('AcroForm', acro);
    } else {
      // a form we create is an object of its own: other signers (poppler's pdfsig
      // -add-signature) register their fields only in an indirect /AcroForm
      acro = new PdfDict();
      catalog.set('AcroForm', update.add(acro));
    }
  }
  const fieldsRaw = acro.get('Fields');
  if (fieldsRaw instanceof PdfRef && Array.isArray(reader.resolve(fieldsRaw))) {
    editable<PdfObject[]>(update, fieldsRaw).push(fieldRef);
  } else {
    const arr = reader.resolve(fieldsRaw);
    acro.set('Fields', [...(Array.isArray(arr) ? arr : []), fieldRef]);
  }
  acro.set('SigFlags', 3);
  if (catalogEdits) catalogEdits(catalog ?? editable<PdfDict>(update, catRef));
}

/** Adds widget references to a page's /Annots (editing an indirect /Annots array in place). */
export function addAnnotations(update: IncrementalUpdate, reader: PdfReader, page: PageRecord, widgets: PdfRef[]): PdfRef {
  let pageRef = page.ref;
  if (!pageRef) {
    // a page written directly inside /Kids: make it indirect so widgets can point at it
    pageRef = update.add(page.dict.clone());
    if (page.parentRef) {
      const parent = editable<PdfDict>(update, page.parentRef);
      const kidsRaw = parent.get('Kids');
      const kids = kidsRaw instanceof PdfRef ? editable<PdfObject[]>(update, kidsRaw) : (reader.resolve(kidsRaw) as PdfObject[]).slice();
      const i = kids.indexOf(page.dict);
      if (i >= 0) kids[i] = pageRef;
      if (!(kidsRaw instanceof PdfRef)) parent.set('Kids', kids);
    }
    page.ref = pageRef;
  }
  const pageDict = update.current(pageRef);
  if (!(pageDict instanceof PdfDict)) throw new Error('page is not a dictionary');
  const annotsRaw = pageDict.get('Annots');
  if (annotsRaw instanceof PdfRef && Array.isArray(reader.resolve(annotsRaw))) {
    editable<PdfObject[]>(update, annotsRaw).push(...widgets);
  } else {
    const arr = reader.resolve(annotsRaw);
    editable<PdfDict>(update, pageRef).set('Annots', [...(Array.isArray(arr) ? arr : []), ...widgets]);
  }
  return pageRef;
}

/** The DocMDP permission of an existing certification signature, if any. */
export function docMdpPermission(reader: PdfReader): number | undefined {
  const perms = reader.dict(reader.catalog.get('Perms'));
  const sig = reader.dict(perms?.get('DocMDP'));
  if (!sig) return undefined;
  const refs = reader.resolve(sig.get('Reference'));
  if (!Array.isArray(refs)) return 2;
  for (const r of refs) {
    const d = reader.dict(r);
    if (d && isName(reader.resolve(d.get('TransformMethod')), 'DocMDP')) {
      const p = reader.resolve(reader.dict(d.get('TransformParams'))?.get('P'));
      return typeof p === 'number' ? p : 2;
    }
  }
  return 2;
}

