import { useEffect, useState } from 'react';
import { Alert, Button, Card, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { getPublicConfig, type PublicConfig } from '../api/get-config.ts';
import '../auth.css';

/** 下载 CA 数字证书驱动与签章软件控件: here, the project's own key agent and how to start it. */
export function KeyAgentPage() {
  const [config, setConfig] = useState<PublicConfig>();
  useEffect(() => {
    void getPublicConfig().then(setConfig, () => undefined);
  }, []);

  return (
    <Card className="hall-key-agent-page" title="CA 数字证书驱动与签章软件控件">
      <Typography.Paragraph>
        CA 锁登录和在线盖章需要在本机运行签章软件控件 key-agent（作用与手册中的 KGClientServer.exe 相同）：它在本机
        127.0.0.1 上读取插入电脑的 CA 锁，只有输入正确的 PIN 码才会用 CA 锁签名，PIN 码不会被保存。
      </Typography.Paragraph>
      <Typography.Title level={5}>1. 下载</Typography.Title>
      <Typography.Paragraph>
        <Button type="primary" icon={<DownloadOutlined />} href="/api/key-agent/download" download data-testid="key-agent-download">
          下载
        </Button>
        <span className="hall-key-agent-page-note">签章软件控件（hall-key-agent.tar.gz），解压到任意目录。</span>
      </Typography.Paragraph>
      <Typography.Title level={5}>2. 启动签章软件控件</Typography.Title>
      <Typography.Paragraph>
        先安装 CA 机构提供的 CA 锁驱动（PKCS#11 模块）和 Node.js 20，然后在解压出的 hall-key-agent 目录中运行这一行命令（把最后的驱动路径换成 CA 锁驱动的路径）：
      </Typography.Paragraph>
      <pre data-testid="key-agent-command">
        {config?.keyAgentCommand ?? `npm install && npx key-agent serve --port 18400 --origin ${window.location.origin} --pkcs11 <CA 锁驱动（PKCS#11 模块 .so）的路径>`}
      </pre>
      <Typography.Title level={5}>3. 登录</Typography.Title>
      <Typography.Paragraph>在电脑上插入 CA 锁，回到登录页面再次点击 CA 锁登录，输入 PIN 码后点击确定。</Typography.Paragraph>
      {config?.demo && (
        <Alert
          type="info"
          showIcon
          message="演示环境"
          description="npm start 已在后台为第一把演示 CA 锁启动了签章软件控件，默认 PIN 码为 111111；换用第二家演示单位登录的方法见 README.md。"
        />
      )}
    </Card>
  );
}
