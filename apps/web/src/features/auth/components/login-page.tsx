import { useState } from 'react';
import { Alert, Button, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, UsbOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { Enterprise } from '@hall/shared/schemas/session';
import { useSession } from '../../../lib/session.tsx';
import { errorText, showWarning } from '../../../lib/notify.ts';
import { getPublicConfig } from '../api/get-config.ts';
import { AgentUnreachableError, agentCertificates, agentStatus, type AgentCertificate } from '../api/key-agent.ts';
import { loginWithKey } from '../api/login.ts';
import { AgentMissingGuide } from './agent-missing-guide.tsx';
import { PinDialog } from './pin-dialog.tsx';
import { UnitInfoModal } from './unit-info-modal.tsx';
import '../auth.css';

/** Only same-site paths, so a crafted link cannot send the user elsewhere after login. */
function safeRedirect(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/space/home';
}

interface KeyReady {
  agentUrl: string;
  demo: boolean;
  certificates: AgentCertificate[];
}

export function LoginPage() {
  const { me, refresh, logout } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const [checking, setChecking] = useState(false);
  const [key, setKey] = useState<KeyReady>();
  const [agentMissing, setAgentMissing] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [unitInfo, setUnitInfo] = useState<Enterprise>();

  if (me && !unitInfo) return <Navigate to={redirect} replace />;

  // Reads the key through the agent first, so that a missing agent or key is said before a PIN is asked.
  const start = async () => {
    setChecking(true);
    setAgentMissing(false);
    setProblem(undefined);
    try {
      const config = await getPublicConfig();
      const status = await agentStatus(config.keyAgentUrl);
      if (!status.tokens.some((t) => t.present)) {
        setProblem('未检测到 CA 锁，请在电脑上插入 CA 锁后再次点击 CA 锁登录');
        return;
      }
      const certificates = await agentCertificates(config.keyAgentUrl);
      if (certificates.length === 0) {
        setProblem('CA 锁中没有证书，请联系 CA 机构');
        return;
      }
      setKey({ agentUrl: config.keyAgentUrl, demo: config.demo, certificates });
    } catch (err) {
      if (err instanceof AgentUnreachableError) setAgentMissing(true);
      else setProblem(errorText(err));
    } finally {
      setChecking(false);
    }
  };

  const onPin = async (pin: string, certificate: AgentCertificate) => {
    const result = await loginWithKey(key!.agentUrl, certificate, pin);
    setKey(undefined);
    if (!result.enterprise.profileComplete) {
      setUnitInfo(result.enterprise);
      return;
    }
    await refresh();
    await navigate(redirect, { replace: true });
  };

  const onUnitInfoSaved = async () => {
    await refresh();
    setUnitInfo(undefined);
    await navigate(redirect, { replace: true });
  };

  const onUnitInfoCancel = async () => {
    setUnitInfo(undefined);
    await logout();
    showWarning('第一次登录须填写单位信息，请重新点击 CA 锁登录');
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
          <li>在电脑上插入 CA 锁，点击 CA 锁登录，在弹出的输入框中输入 PIN 码，点击确定即可登录。</li>
          <li>第一次登录会弹框输入单位信息，请填写的时候核对正确。</li>
        </ol>
      </section>
      <section className="hall-login-card">
        <div className="hall-login-card-title">
          <SafetyCertificateOutlined /> 法人登录
        </div>
        <UsbOutlined className="hall-login-key-icon" />
        <Button type="primary" size="large" block loading={checking} onClick={() => void start()}>
          CA 锁登录
        </Button>
        <Link to="/help/key-agent" className="hall-login-download">
          <DownloadOutlined /> 下载 CA 数字证书驱动与签章软件控件
        </Link>
        {agentMissing && <AgentMissingGuide />}
        {problem && <Alert type="error" showIcon message={problem} data-testid="login-problem" />}
        {!agentMissing && !problem && <Alert type="info" showIcon message="请使用谷歌、火狐或 360 极速模式浏览器，并保持签章软件控件处于运行状态。" />}
      </section>
      <PinDialog
        open={Boolean(key)}
        demo={key?.demo ?? false}
        certificates={key?.certificates ?? []}
        onCancel={() => setKey(undefined)}
        onSubmit={onPin}
      />
      <UnitInfoModal enterprise={unitInfo} onSaved={() => void onUnitInfoSaved()} onCancel={() => void onUnitInfoCancel()} />
    </div>
  );
}
