// Work on one file's versions that this process does itself, start to end (read the current
// version, sign on top of it, append the next): queued per file, so that persons confirming on
// the same file at the same moment follow one another instead of each signing a version that is
// stale by the time it is stored. Other processes, and sealing that waits on a user's USB key,
// still meet at the file row lock (appendVersionOnto → PDF_CHANGED) and try again.
const tails = new Map<string, Promise<void>>();

export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  tails.set(key, tail);
  await before;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
