// One measured operation in a fresh process, so that peak RSS (VmHWM) belongs to it alone.
//   child.ts sha256 FILE
//   child.ts sign FILE OUT P12 PASSWORD SEAL.png
//   child.ts verify FILE
//   child.ts baseline            (the library loaded, nothing done: the floor under every peak)
// Prints one JSON line: { ms, peakRssBytes, keyMs? }. `ms` times the operation alone (start-up,
// module loading and opening the key are outside it); for sign, `keyMs` is the part of `ms`
// spent in the key's own sign call (the PKCS#12 token re-reads its file on every signature).
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { sign, verify } from '@hall/pdf-seal';
import { p12Signer } from '../test/support/signers.ts';

function peakRssBytes(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  // the same read size as the library's own pass, so that the ratio compares like with like
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

const [op, file, out, p12, password, sealPath] = process.argv.slice(2);
let ms = 0;
let keyMs = 0;
if (op === 'sha256') {
  const t = performance.now();
  await sha256(file);
  ms = performance.now() - t;
} else if (op === 'sign') {
  const { signer: key } = await p12Signer(p12, password);
  const signer = {
    ...key,
    sign: async (digest: Uint8Array, alg: 'SHA-256') => {
      const k = performance.now();
      try {
        return await key.sign(digest, alg);
      } finally {
        keyMs += performance.now() - k;
      }
    },
  };
  const png = new Uint8Array(readFileSync(sealPath));
  const t = performance.now();
  await sign(file, signer, { placements: [{ kind: 'seal', pages: [1], x: 200, y: 200, image: { png } }] }, out);
  ms = performance.now() - t;
} else if (op === 'verify') {
  const t = performance.now();
  const report = await verify(file);
  ms = performance.now() - t;
  if (!report.signatures.every((s) => s.intact)) throw new Error('verify: a signature is not intact');
} else if (op !== 'baseline') {
  throw new Error(`unknown op ${op}`);
}
console.log(JSON.stringify({ ms, keyMs: op === 'sign' ? keyMs : undefined, peakRssBytes: peakRssBytes() }));
