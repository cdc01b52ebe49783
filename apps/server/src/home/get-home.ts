// 我的首页: profile, statistics and the applications in progress. Applications do not exist
// yet in this schema (they arrive with 项目申报), so the statistics are plainly zero and the
// list empty; the applications work replaces this with real queries over its own table.
import type { Home, HomeQuery } from '@hall/shared/schemas/home';
import { getMe } from '../sessions/get-me.ts';
import type { Actor, Deps } from '../types.ts';

export async function getHome(deps: Pick<Deps, 'db'>, actor: Actor, _query: HomeQuery): Promise<Home> {
  const { enterprise } = await getMe(deps, actor);
  return {
    profile: enterprise,
    stats: { submitted: 0, finished: 0, materialsComplete: 0, materialsCorrection: 0 },
    inProgress: { items: [], total: 0 },
  };
}
