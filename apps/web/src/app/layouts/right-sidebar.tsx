import type { ReactNode } from 'react';
import {
  CloudServerOutlined,
  CommentOutlined,
  CompassOutlined,
  HomeOutlined,
  NotificationOutlined,
  PrinterOutlined,
  QuestionCircleOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';

interface SidebarItem {
  label: string;
  icon: ReactNode;
  to?: string;
  onClick?: () => void;
}

/** The fixed column on the right edge of every hall page, as in the manual's screenshots. */
export function RightSidebar() {
  const navigate = useNavigate();
  const items: SidebarItem[] = [
    { label: '首页', icon: <HomeOutlined />, to: '/space/home' },
    { label: '住建云', icon: <CloudServerOutlined />, to: '/zjy' },
    { label: '项目公示', icon: <NotificationOutlined />, to: '/notice' },
    { label: '智能引导', icon: <CompassOutlined />, to: '/guide' },
    { label: '信息查询', icon: <SearchOutlined />, to: '/query' },
    { label: '帮助中心', icon: <QuestionCircleOutlined />, to: '/help' },
    { label: '问题反馈', icon: <CommentOutlined />, to: '/feedback' },
    { label: '打印预览', icon: <PrinterOutlined />, onClick: () => window.print() },
  ];
  return (
    <nav className="hall-right-sidebar" aria-label="侧边栏">
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          className="hall-right-sidebar-item"
          onClick={() => (item.onClick ? item.onClick() : void navigate(item.to!))}
        >
          <span className="hall-right-sidebar-icon">{item.icon}</span>
          <span className="hall-right-sidebar-label">{item.label}</span>
        </button>
      ))}
    </nav>
  );
}
