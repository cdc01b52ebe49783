// 在线盖章 for an invited enterprise: the initiator's file on the same sealing page as the unit's
// own files (电子签章 → PIN → 选择印章 → 拖动 → 确定), with the unit's own CA key. A version that
// moved meanwhile (another party sealed) is sealed again on top of it, so no seal is lost.
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useRequest } from '../../../hooks/use-request.ts';
import { openInvitation } from '../api/party-sealing.ts';
import { invitationFile } from '../lib/invitation-target.ts';
import { SealingWorkspace } from './sealing-page.tsx';

export function InvitedSealingPage() {
  const { token = '' } = useParams();
  const { data, error } = useRequest((signal) => openInvitation(token, signal), [token], { quiet: () => true });
  const targets = useMemo(() => [invitationFile(token)], [token]);
  const back = `/invite/${token}`;

  if (error) return <Result status="error" title="不能盖章" subTitle={error.message} extra={<Link to={back}>返回</Link>} />;
  if (!data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (data.status !== 'pending') return <Result status="info" title={data.statusLabel} subTitle={`${data.projectName}：${data.fileName}`} extra={<Link to={back}>返回</Link>} />;
  return <SealingWorkspace targets={targets} invitation={{ initiator: data.initiator, projectName: data.projectName, back }} />;
}
