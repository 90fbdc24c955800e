import { Card } from 'antd';
import type { ReactNode } from 'react';

/** Standard page container: a titled card with optional actions on the right. */
export function PageCard({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} variant="borderless" style={{ minHeight: '100%' }}>
      {children}
    </Card>
  );
}
