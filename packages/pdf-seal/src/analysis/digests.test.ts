import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rangeKey, sha256OfRanges, type ByteRange } from './digests.ts';

const naive = (buf: Buffer, [a, b, c, d]: ByteRange) => createHash('sha256').update(buf.subarray(a, a + b)).update(buf.subarray(c, c + d)).digest();

describe('sha256OfRanges', () => {
  // five nested signatures as incremental signing makes them, plus odd ones
  const buf = randomBytes(9 << 20);
  const ranges: ByteRange[] = [
    [0, 1000, 1500, 300],
    [0, 4_000_000, 4_000_100, 5_000],
    [0, 4_006_000, 4_006_050, 10],
    [0, 8_000_000, 8_400_000, 1_000_000],
    [0, 0, 10, 20],
    [0, 9 << 20, 9 << 20, 0],
  ];
  it('matches hashing each signature on its own, for buffers and streamed files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digests-'));
    try {
      const file = join(dir, 'f.bin');
      writeFileSync(file, buf);
      for (const input of [buf, file]) {
        const got = await sha256OfRanges(input, ranges, buf.length);
        for (const br of ranges) expect(got.get(rangeKey(br))?.toString('hex')).toBe(naive(buf, br).toString('hex'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('leaves out ranges that do not start at 0 or run past the end', async () => {
    const got = await sha256OfRanges(buf, [[5, 10, 20, 5], [0, 10, 20, buf.length]], buf.length);
    expect(got.size).toBe(0);
  });
});
