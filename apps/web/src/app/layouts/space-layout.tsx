import { Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { SPACE_MENU } from './space-menu.tsx';

export function SpaceLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.split('/')[2] ?? 'home';
  return (
    <div className="hall-space">
      <aside className="hall-space-menu" aria-label="法人空间菜单">
        <div className="hall-space-menu-title">法人空间</div>
        <Menu
          mode="inline"
          selectedKeys={[current]}
          items={SPACE_MENU.map((item) => ({ key: item.path, icon: item.icon, label: item.label }))}
          onClick={({ key }) => void navigate(`/space/${key}`)}
        />
      </aside>
      <section className="hall-space-main">
        <Outlet />
      </section>
    </div>
  );
}
