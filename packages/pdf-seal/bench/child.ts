// One measured operation in a fresh process, so that peak RSS (VmHWM) belongs to it alone.
//   child.ts sha256 FILE
//   child.ts sign FILE OUT P12 PASSWORD SEAL.png
//   child.ts verify FILE
//   child.ts baseline            (the library loaded, nothing done: the floor under every peak)
// Prints one JSON line: { ms, peakRssBytes }.
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
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

const [op, file, out, p12, password, sealPath] = process.argv.slice(2);
let ms = 0;
if (op === 'sha256') {
  const t = performance.now();
  await sha256(file);
  ms = performance.now() - t;
} else if (op === 'sign') {
  const { signer } = await p12Signer(p12, password);
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
console.log(JSON.stringify({ ms, peakRssBytes: peakRssBytes() }));
