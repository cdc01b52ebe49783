// PEM bundles (several certificates or CRLs in one file) and DER files, as CAs publish them.

/** Every PEM block with this label, as DER; a file with no PEM block is taken as one DER object. */
export function derBlocks(data: Buffer, label: 'CERTIFICATE' | 'X509 CRL'): Uint8Array[] {
  const text = data.toString('latin1');
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  const blocks = [...text.matchAll(re)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  if (blocks.length > 0) return blocks;
  return text.includes('-----BEGIN') ? [] : [new Uint8Array(data)];
}
