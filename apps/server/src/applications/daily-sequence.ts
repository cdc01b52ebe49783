// Daily sequences (申报流水号, 自动赋码). One row per kind and day, bumped by a single
// INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock makes concurrent callers queue,
// so no two get the same number, across any number of server instances.
import { sql } from 'drizzle-orm';
import { chinaDate } from '../china-time.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';

/** yyyyMMdd in China Standard Time: the day the window counts by, whatever the server's zone. */
export function chinaDay(at: Date = new Date()): string {
  return chinaDate(at).replaceAll('-', '');
}

export async function nextInSequence(db: DbOrTx, kind: string, day: string): Promise<number> {
  const result = await db.execute(sql`
    insert into daily_counters (kind, day, last) values (${kind}, ${day}, 1)
    on conflict (kind, day) do update set last = daily_counters.last + 1
    returning last`);
  return Number(rowsOf<{ last: number }>(result)[0]!.last);
}

/** 申报流水号: yyyyMMdd + 4-digit daily sequence, e.g. 202212040001 (a fifth digit only past 9999). */
export async function nextSerialNo(db: DbOrTx, at: Date = new Date()): Promise<string> {
  const day = chinaDay(at);
  return `${day}${String(await nextInSequence(db, 'serial', day)).padStart(4, '0')}`;
}
