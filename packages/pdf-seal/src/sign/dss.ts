import { IncrementalUpdate } from '../pdf/writer.ts';
import { PdfDict, PdfRef, PdfStream, name, type PdfObject } from '../pdf/objects.ts';
import { openPdf } from '../pdf/open.ts';
import { createHash, X509Certificate } from 'node:crypto';
import { children, readTlv, seq, oid, nullValue, octets, int } from '../cms/der.ts';
import { OID } from '../cms/algorithms.ts';
import type { PdfInput } from '../pdf/source.ts';
import type { LtvData } from '../types.ts';
import { editable } from './structure.ts';
import { deflateSync } from 'node:zlib';

/** Certificates carried inside a CMS ContentInfo (e.g. a timestamp token). */
export function certificatesOf(contentInfo: Uint8Array): Uint8Array[] {
  try {
    const ci = children(readTlv(contentInfo));
    const sd = children(children(ci[1])[0]);
    const certs = sd.find((c) => c.tag === 0xa0);
    return certs ? children(certs).map((c) => new Uint8Array(c.raw)) : [];
  } catch {
    return [];
  }
}

/** http(s) URLs in a certificate's CRL distribution points extension. */
export function crlUrls(cert: Uint8Array): string[] {
  const urls: string[] = [];
  try {
    const tbs = children(readTlv(cert))[0];
    const exts = children(tbs).find((c) => c.tag === 0xa3);
    if (!exts) return urls;
    for (const ext of children(children(exts)[0])) {
      const parts = children(ext);
      if (Buffer.from(parts[0].content).toString('hex') !== '551d1f') continue; // 2.5.29.31
      const value = parts[parts.length - 1].content;
      // GeneralName uniformResourceIdentifier is [6] IMPLICIT IA5String: find them anywhere inside
      const walk = (buf: Uint8Array) => {
        let p = 0;
        while (p < buf.length) {
          const el = readTlv(buf, p);
          if (el.tag === 0x86) urls.push(Buffer.from(el.content).toString('latin1'));
          else if (el.tag & 0x20) walk(el.content);
          p = el.end;
        }
      };
      walk(value);
    }
  } catch {
    /* malformed extensions: no URLs */
  }
  return urls.filter((u) => /^https?:/i.test(u));
}

async function fetchCrl(cert: Uint8Array): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const urls = crlUrls(cert);
  for (const url of urls.slice(0, 2)) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(15000) });
      if (res.ok) {
        out.push(new Uint8Array(await res.arrayBuffer()));
        break;
      }
    } catch {
      /* an unreachable CRL leaves the DSS without it */
    }
  }
  return out;
}

/** http(s) OCSP responder URLs from a certificate's Authority Information Access. */
export function ocspUrls(cert: Uint8Array): string[] {
  try {
    const access = new X509Certificate(cert).infoAccess ?? '';
    return [...access.matchAll(/^OCSP - URI:(\S+)$/gm)].map((m) => m[1]).filter((u) => /^https?:/i.test(u));
  } catch {
    return [];
  }
}

/** An OCSPRequest (RFC 6960) for one certificate, CertID hashed with SHA-1 as responders expect. */
export function ocspRequest(cert: Uint8Array, issuer: Uint8Array): Uint8Array {
  const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest();
  const certFields = children(children(readTlv(cert))[0]);
  const v = certFields[0].tag === 0xa0 ? 1 : 0;
  const issuerName = certFields[v + 2].raw;
  const serial = certFields[v].content;
  const issuerFields = children(children(readTlv(issuer))[0]);
  const iv = issuerFields[0].tag === 0xa0 ? 1 : 0;
  const spki = children(issuerFields[iv + 5]);
  const keyBits = spki[1].content.subarray(1); // BIT STRING without its unused-bits byte
  const certId = seq(seq(oid(OID.sha1), nullValue()), octets(sha1(issuerName)), octets(sha1(keyBits)), int(serial));
  return seq(seq(seq(seq(certId))));
}

async function fetchOcsp(cert: Uint8Array, pool: Uint8Array[]): Promise<Uint8Array[]> {
  const urls = ocspUrls(cert);
  if (!urls.length) return [];
  const x = new X509Certificate(cert);
  const issuer = pool.find((c) => {
    try {
      const ic = new X509Certificate(c);
      return !ic.raw.equals(x.raw) && x.checkIssued(ic) && x.verify(ic.publicKey);
    } catch {
      return false;
    }
  });
  if (!issuer) return [];
  for (const url of urls.slice(0, 2)) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: Buffer.from(ocspRequest(cert, issuer)),
        signal: AbortSignal.timeout(15000),
      });
      if (!res.ok) continue;
      const body = new Uint8Array(await res.arrayBuffer());
      // OCSPResponse: responseStatus ENUMERATED 0 = successful
      const status = children(readTlv(body))[0];
      if (status.tag === 0x0a && status.content[0] === 0) return [body];
    } catch {
      /* an unreachable responder leaves the DSS without it */
    }
  }
  return [];
}

/**
 * The validation data for the DSS: given explicitly, or gathered from the certificates
 * (OCSP responses where the certificate names a responder, CRLs from its distribution points).
 */
export async function collectLtvData(ltv: true | LtvData, certs: Uint8Array[], timestampToken?: Uint8Array): Promise<LtvData> {
  const all = [...certs, ...(timestampToken ? certificatesOf(timestampToken) : [])];
  if (ltv !== true) return { certificates: [...all, ...(ltv.certificates ?? [])], crls: ltv.crls ?? [], ocsps: ltv.ocsps ?? [] };
  const crls: Uint8Array[] = [];
  const ocsps: Uint8Array[] = [];
  const seen = new Set<string>();
  for (const c of all) {
    const key = Buffer.from(c).toString('base64');
    if (seen.has(key)) continue;
    seen.add(key);
    ocsps.push(...(await fetchOcsp(c, all)));
    crls.push(...(await fetchCrl(c)));
  }
  return { certificates: all, crls, ocsps };
}

/** Builds a further revision holding a /DSS (PAdES B-LT); returns the bytes to append to `input`. */
export function appendDss(input: PdfInput, data: LtvData): Buffer {
  const reader = openPdf(input);
  try {
    const update = new IncrementalUpdate(reader);
    const catalog = editable<PdfDict>(update, reader.catalogRef);
    const old = reader.dict(catalog.get('DSS'));
    const dss = old ? old.clone() : new PdfDict({ Type: name('DSS') });
    const dedupe = new Set<string>();
    const addAll = (key: string, items: Uint8Array[] | undefined) => {
      if (!items?.length) return;
      const existing = reader.resolve(dss.get(key));
      const arr: PdfObject[] = Array.isArray(existing) ? existing.slice() : [];
      for (const it of items) {
        const k = key + Buffer.from(it).toString('base64');
        if (dedupe.has(k)) continue;
        dedupe.add(k);
        arr.push(update.add(new PdfStream(new PdfDict({ Filter: name('FlateDecode') }), deflateSync(it))));
      }
      dss.set(key, arr);
    };
    addAll('Certs', data.certificates);
    addAll('CRLs', data.crls);
    addAll('OCSPs', data.ocsps);
    if (catalog.get('DSS') instanceof PdfRef) update.set(catalog.get('DSS') as PdfRef, dss);
    else catalog.set('DSS', dss);
    return update.build().tail;
  } finally {
    reader.source.close();
  }
}
