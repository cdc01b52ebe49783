import { Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';

/** What a page shows until its feature lands. */
export function UnderConstruction({ title }: { title: string }) {
  return (
    <div className="hall-panel">
      <Result icon={<ToolOutlined />} title={title} subTitle="该功能建设中，敬请期待" />
    </div>
  );
}
