import type { Home } from '../api/get-home.ts';

type HomeStats = Home['stats'];

const CARDS: { key: keyof HomeStats; label: string; color: string }[] = [
  { key: 'submitted', label: '已申报', color: '#1e88e5' },
  { key: 'finished', label: '已办结', color: '#43a047' },
  { key: 'materialsComplete', label: '材料齐全', color: '#00897b' },
  { key: 'materialsCorrection', label: '材料补正', color: '#f4511e' },
];

export function StatsCards({ stats }: { stats: HomeStats | undefined }) {
  return (
    <div className="hall-panel hall-home-block">
      <h3 className="hall-panel-title">统计分析</h3>
      <div className="hall-stats">
        {CARDS.map((c) => (
          <div key={c.key} className="hall-stat" style={{ borderTopColor: c.color }} data-testid={`stat-${c.key}`}>
            <div className="hall-stat-value" style={{ color: c.color }}>
              {stats ? stats[c.key] : '-'}
            </div>
            <div className="hall-stat-label">{c.label}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
