import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BarcodeOutlined,
  CloudOutlined,
  EditOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  LinkOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';

export interface SpaceMenuItem {
  path: string;
  label: string;
  icon: ReactNode;
}

/** The left menu of 法人空间, in the order the hall shows it; each entry is a route under /space. */
export const SPACE_MENU: SpaceMenuItem[] = [
  { path: 'home', label: '我的首页', icon: <HomeOutlined /> },
  { path: 'projects', label: '我的项目', icon: <ProjectOutlined /> },
  { path: 'materials', label: '我的材料', icon: <FileTextOutlined /> },
  { path: 'drive', label: '我的云盘', icon: <CloudOutlined /> },
  { path: 'apply', label: '项目申报', icon: <FormOutlined /> },
  { path: 'applications', label: '我的办件', icon: <AuditOutlined /> },
  { path: 'sign-requests', label: '发起盖章签名', icon: <EditOutlined /> },
  { path: 'third-party', label: '第三方材料上传', icon: <LinkOutlined /> },
  { path: 'seals', label: '印章管理', icon: <SafetyCertificateOutlined /> },
  { path: 'auto-code', label: '自动赋码', icon: <BarcodeOutlined /> },
];
