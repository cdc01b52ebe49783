import { Spin } from 'antd';

export function PageLoading() {
  return (
    <div className="hall-loading">
      <Spin size="large" />
    </div>
  );
}
