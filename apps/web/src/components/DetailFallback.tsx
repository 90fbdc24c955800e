import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Result, Skeleton, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client';
import { errorText } from './feedback';

export interface DetailFallbackProps {
  /** The detail query that has not succeeded (pending or failed). */
  query: Pick<UseQueryResult<unknown>, 'isPending' | 'error' | 'refetch'>;
  /** What the page shows, in Chinese: 项目, 预警, 案件, 务工人员档案 … */
  subject: string;
  /** Where 返回列表 leads. */
  listPath: string;
  /** Skeleton rows while loading. */
  rows?: number;
  avatar?: boolean;
}

/**
 * What a detail page shows until its record is there: a skeleton while it loads; then either "not found or not in
 * your scope" (a 404 — the server answers both alike, so the page must not tell them apart) or the error with a retry.
 * Use as `if (!query.isSuccess) return <DetailFallback query={query} … />`.
 */
export function DetailFallback({ query, subject, listPath, rows = 6, avatar = false }: DetailFallbackProps) {
  const navigate = useNavigate();
  if (query.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active avatar={avatar} paragraph={{ rows }} />
      </Card>
    );
  }
  const notFound = isApiError(query.error) && query.error.status === 404;
  return (
    <Card variant="borderless">
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? `${subject}不存在` : `无法加载${subject}`}
        subTitle={notFound ? `该${subject}不存在或不在您的管辖范围内` : errorText(query.error)}
        extra={
          <Space>
            <Button onClick={() => navigate(listPath)}>返回列表</Button>
            {!notFound && (
              <Button type="primary" onClick={() => void query.refetch()}>
                重试
              </Button>
            )}
          </Space>
        }
      />
    </Card>
  );
}
