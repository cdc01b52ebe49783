import { Avatar, Button, Descriptions, Skeleton } from 'antd';
import { BankOutlined, EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Home } from '../api/get-home.ts';

export function ProfileCard({ profile }: { profile: Home['profile'] | undefined }) {
  return (
    <div className="hall-panel hall-profile" data-testid="profile-card">
      <Avatar size={72} icon={<BankOutlined />} className="hall-profile-avatar" />
      <div className="hall-profile-body">
        {profile ? (
          <>
            <div className="hall-profile-name">{profile.unitName}</div>
            <Descriptions column={2} size="small" colon>
              <Descriptions.Item label="法定代表人">{profile.legalRepresentative || '-'}</Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码">{profile.creditCode || '-'}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{profile.phone || '-'}</Descriptions.Item>
              <Descriptions.Item label="单位名称">{profile.unitName || '-'}</Descriptions.Item>
            </Descriptions>
          </>
        ) : (
          <Skeleton active paragraph={{ rows: 2 }} />
        )}
      </div>
      <Link to="/space/profile">
        <Button icon={<EditOutlined />}>单位信息</Button>
      </Link>
    </div>
  );
}
