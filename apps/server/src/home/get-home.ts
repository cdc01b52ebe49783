// 我的首页: profile, the four counts and the 申报中列表, from the applications' real states.
import type { Home, HomeQuery } from '@hall/shared/schemas/home';
import { getMe } from '../sessions/get-me.ts';
import { enterpriseStats, listEnterpriseApplications } from '../applications/list-applications.ts';
import type { Actor, Deps } from '../types.ts';

export async function getHome(deps: Pick<Deps, 'db'>, actor: Actor, query: HomeQuery): Promise<Home> {
  const { enterprise } = await getMe(deps, actor);
  const list = await listEnterpriseApplications(deps.db, actor.enterpriseId, { inProgressOnly: true, page: query.page, pageSize: query.pageSize });
  return {
    profile: enterprise,
    stats: await enterpriseStats(deps.db, actor.enterpriseId),
    inProgress: {
      items: list.items.map((i) => ({
        serialNo: i.serialNo,
        projectCode: i.projectCode,
        projectName: i.projectName,
        stage: i.stage,
        matter: i.matter,
        status: i.status,
        applicationId: i.applicationId,
      })),
      total: list.total,
    },
  };
}
