import { useState } from 'react';
import { Alert, Button, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, UsbOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../../lib/session.tsx';
import { loginWithKey } from '../api/login.ts';
import { PinDialog } from './pin-dialog.tsx';

/** Only same-site paths, so a crafted link cannot send the user elsewhere after login. */
function safeRedirect(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/space/home';
}

export function LoginPage() {
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [pinOpen, setPinOpen] = useState(false);
  const redirect = safeRedirect(params.get('redirect'));

  if (me) return <Navigate to={redirect} replace />;

  const onPin = async (pin: string) => {
    const result = await loginWithKey(pin);
    await refresh();
    setPinOpen(false);
    await navigate(result.profileComplete ? redirect : '/space/profile', { replace: true });
  };

  return (
    <div className="hall-login">
      <section className="hall-login-intro">
        <Typography.Title level={2} className="hall-login-title">
          景德镇市工程建设项目审批管理系统
          <br />
          网上办事大厅
        </Typography.Title>
        <p>企业人员、代办人员使用 CA 锁登录后，可在法人空间办理项目申报、在线盖章与签名、第三方材料上传等业务。</p>
        <ol className="hall-login-steps">
          <li>第一次登录，请先下载并安装 CA 数字证书驱动与签章软件控件（记住下载路径）。</li>
          <li>安装完后最好将软件放置在桌面，方便启动。</li>
          <li>在电脑上插入 CA 锁，点击 CA 锁登录，在弹出的输入框中输入 PIN 码（默认 PIN 码为 111111），点击确定即可登录。</li>
          <li>第一次登录会弹框输入单位信息，请填写的时候核对正确。</li>
        </ol>
      </section>
      <section className="hall-login-card">
        <div className="hall-login-card-title">
          <SafetyCertificateOutlined /> 法人登录
        </div>
        <UsbOutlined className="hall-login-key-icon" />
        <Button type="primary" size="large" block onClick={() => setPinOpen(true)}>
          CA 锁登录
        </Button>
        <Button type="link" icon={<DownloadOutlined />} href="/help#download" className="hall-login-download">
          下载 CA 数字证书驱动与签章软件控件
        </Button>
        <Alert type="info" showIcon message="请使用谷歌、火狐或 360 极速模式浏览器，并保持签章软件控件处于运行状态。" />
      </section>
      <PinDialog open={pinOpen} onCancel={() => setPinOpen(false)} onSubmit={onPin} />
    </div>
  );
}
