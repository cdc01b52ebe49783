import type { ReactNode } from 'react';
import { BarcodeOutlined, CloudOutlined, FileTextOutlined, ProjectOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';

interface Entry {
  label: string;
  to: string;
  icon: ReactNode;
  color: string;
}

const ENTRIES: Entry[] = [
  { label: '快速登记', to: '/space/quick-register', icon: <ThunderboltOutlined />, color: '#ff8f00' },
  { label: '我的项目', to: '/space/projects', icon: <ProjectOutlined />, color: '#1e88e5' },
  { label: '我的材料', to: '/space/materials', icon: <FileTextOutlined />, color: '#43a047' },
  { label: '我的云盘', to: '/space/drive', icon: <CloudOutlined />, color: '#00acc1' },
  { label: '自动赋码', to: '/space/auto-code', icon: <BarcodeOutlined />, color: '#8e24aa' },
];

export function QuickEntries() {
  return (
    <div className="hall-panel hall-home-block">
      <h3 className="hall-panel-title">快捷入口</h3>
      <div className="hall-quick-entries">
        {ENTRIES.map((e) => (
          <Link key={e.label} to={e.to} className="hall-quick-entry">
            <span className="hall-quick-entry-icon" style={{ background: e.color }}>
              {e.icon}
            </span>
            <span>{e.label}</span>
          </Link>
        ))}
      </div>
    </div>
  );
}
