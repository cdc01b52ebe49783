import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

/** Random access to the bytes of a PDF, without loading a file whole. */
export interface Source {
  readonly size: number;
  read(pos: number, len: number): Uint8Array;
  close(): void;
}

export class BufferSource implements Source {
  constructor(readonly buf: Uint8Array) {}
  get size(): number {
    return this.buf.length;
  }
  read(pos: number, len: number): Uint8Array {
    return this.buf.subarray(Math.max(0, pos), Math.min(this.buf.length, pos + len));
  }
  close(): void {}
}

export class FileSource implements Source {
  private fd: number;
  readonly size: number;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }
  read(pos: number, len: number): Uint8Array {
    pos = Math.max(0, pos);
    len = Math.max(0, Math.min(len, this.size - pos));
    const out = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = readSync(this.fd, out, got, len - got, pos + got);
      if (n <= 0) break;
      got += n;
    }
    return out.subarray(0, got);
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

export type PdfInput = string | Uint8Array;

export function openSource(input: PdfInput): Source {
  return typeof input === 'string' ? new FileSource(input) : new BufferSource(input);
}
