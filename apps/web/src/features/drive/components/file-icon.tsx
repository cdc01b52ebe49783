import { FileExcelOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, FileTextOutlined, FileWordOutlined } from '@ant-design/icons';
import type { FileKind } from '../api/types.ts';

export function FileIcon({ kind }: { kind: FileKind }) {
  switch (kind) {
    case 'pdf':
      return <FilePdfOutlined style={{ color: '#e53935' }} />;
    case 'word':
      return <FileWordOutlined style={{ color: '#1e88e5' }} />;
    case 'excel':
      return <FileExcelOutlined style={{ color: '#43a047' }} />;
    case 'image':
      return <FileImageOutlined style={{ color: '#8e24aa' }} />;
    case 'ofd':
      return <FileTextOutlined style={{ color: '#f4511e' }} />;
    default:
      return <FileOutlined />;
  }
}
