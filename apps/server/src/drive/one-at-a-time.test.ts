import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('oneAtATime', () => {
  it('runs the work of one key in order, one at a time, and the work of other keys alongside', async () => {
    const log: string[] = [];
    let inside = 0;
    let most = 0;
    const job = (key: string, name: string) =>
      oneAtATime(key, async () => {
        inside += key === 'a' ? 1 : 0;
        most = Math.max(most, inside);
        log.push(`${name}+`);
        await tick();
        log.push(`${name}-`);
        inside -= key === 'a' ? 1 : 0;
        return name;
      });
    const results = await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1'), job('a', 'a3')]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(most).toBe(1);
    expect(log.filter((l) => l.startsWith('a'))).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    // b1 did not wait for the a queue
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
  });

  it('goes on with the next after a failure', async () => {
    const failed = oneAtATime('c', async () => {
      throw new Error('boom');
    });
    const next = oneAtATime('c', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
