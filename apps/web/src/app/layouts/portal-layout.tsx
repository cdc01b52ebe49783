import { Fragment } from 'react';
import { Button, Popconfirm } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, NavLink, Outlet, useLocation, useMatches, useNavigate } from 'react-router-dom';
import { useSession } from '../../lib/session.tsx';
import { isRouteHandle, type RouteHandle } from './crumbs.ts';
import { RightSidebar } from './right-sidebar.tsx';

function Breadcrumb() {
  const crumbs = useMatches()
    .map((m) => m.handle)
    .filter(isRouteHandle) as RouteHandle[];
  return (
    <div className="hall-breadcrumb" data-testid="breadcrumb">
      <span className="hall-breadcrumb-label">当前位置:</span>
      <Link to="/space/home">首页</Link>
      {crumbs.map((c, i) => (
        <Fragment key={`${c.crumb}-${i}`}>
          <span className="hall-breadcrumb-sep">&gt;</span>
          {c.to && i < crumbs.length - 1 ? <Link to={c.to}>{c.crumb}</Link> : <span className="hall-breadcrumb-current">{c.crumb}</span>}
        </Fragment>
      ))}
    </div>
  );
}

function UserArea() {
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const onLoginPage = useLocation().pathname === '/login';
  if (!me) {
    if (onLoginPage) return null;
    return (
      <Link className="hall-header-login" to="/login">
        CA 锁登录
      </Link>
    );
  }
  return (
    <div className="hall-header-user">
      <UserOutlined />
      <span className="hall-header-unit" title={me.enterprise.unitName}>
        {me.enterprise.unitName}
      </span>
      <Popconfirm
        title="确定要退出登录吗?"
        onConfirm={async () => {
          await logout();
          await navigate('/login');
        }}
      >
        <Button type="link" size="small" className="hall-header-logout" icon={<LogoutOutlined />}>
          退出
        </Button>
      </Popconfirm>
    </div>
  );
}

export function PortalLayout() {
  const inSpace = useLocation().pathname.startsWith('/space');
  return (
    <div className="hall-portal">
      <header className="hall-header">
        <div className="hall-header-inner">
          <Link to="/space/home" className="hall-brand">
            <img src="/favicon.svg" alt="" className="hall-brand-logo" />
            <span className="hall-brand-text">
              <span className="hall-brand-title">景德镇市工程建设项目审批管理系统</span>
              <span className="hall-brand-subtitle">网上办事大厅</span>
            </span>
          </Link>
          <nav className="hall-header-nav" aria-label="主导航">
            <NavLink to="/space/home" className={() => (inSpace ? 'active' : '')}>
              法人空间
            </NavLink>
            <NavLink to="/help" className={({ isActive }) => (isActive ? 'active' : '')}>
              帮助中心
            </NavLink>
          </nav>
          <UserArea />
        </div>
      </header>
      <div className="hall-body">
        <Breadcrumb />
        <main className="hall-content">
          <Outlet />
        </main>
      </div>
      <footer className="hall-footer">
        <span>主办单位：景德镇市住房和城乡建设局</span>
        <span>咨询电话：0798-12345</span>
      </footer>
      <RightSidebar />
    </div>
  );
}
