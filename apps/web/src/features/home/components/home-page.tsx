import { useState } from 'react';
import { useRequest } from '../../../hooks/use-request.ts';
import { getHome } from '../api/get-home.ts';
import { InProgressTable } from './in-progress-table.tsx';
import { ProfileCard } from './profile-card.tsx';
import { QuickEntries } from './quick-entries.tsx';
import { StatsCards } from './stats-cards.tsx';

/** 法人空间 › 我的首页 */
export function HomePage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const { data, loading } = useRequest((signal) => getHome(paging.page, paging.pageSize, signal), [paging.page, paging.pageSize]);
  return (
    <div className="hall-home">
      <ProfileCard profile={data?.profile} />
      <div className="hall-home-row">
        <QuickEntries />
        <StatsCards stats={data?.stats} />
      </div>
      <InProgressTable
        items={data?.inProgress.items ?? []}
        total={data?.inProgress.total ?? 0}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={loading}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </div>
  );
}
