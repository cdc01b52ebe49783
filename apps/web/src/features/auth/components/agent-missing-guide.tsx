import { Alert } from 'antd';
import { Link } from 'react-router-dom';

/** What the manual says to do when the page cannot reach the key's software (KGClientServer). */
export function AgentMissingGuide() {
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="agent-missing"
      message="未检测到签章软件控件，无法读取 CA 锁"
      description={
        <ol className="hall-auth-guide">
          <li>
            第一次登录，请先下载并安装 CA 数字证书驱动与签章软件控件（记住下载路径）：
            <Link to="/help/key-agent">下载 CA 数字证书驱动与签章软件控件</Link>
          </li>
          <li>启动签章软件控件 key-agent（即手册中的 KGClientServer），安装完后最好将软件放置在桌面，方便启动。</li>
          <li>在电脑上插入 CA 锁，启动该软件后再次点击 CA 锁登录。</li>
        </ol>
      }
    />
  );
}
