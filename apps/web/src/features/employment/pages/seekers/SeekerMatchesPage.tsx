import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, List, Space, Tag, Typography } from 'antd';
import { yuanRange } from '@mwsp/domain';
import { useParams } from 'react-router-dom';
import { useMe } from '../../../../auth/MeProvider';
import { PageCard } from '../../../../components/PageCard';
import { createReferral, employmentKeys, getSeeker, getSeekerMatches } from '../../api';

/** /seekers/:id/matches — 推荐岗位: the 20 best open postings for a seeker, each with its reasons. */
export default function SeekerMatchesPage() {
  const { id = '' } = useParams();
  const { can } = useMe();
  const { message } = App.useApp();
  const seeker = useQuery({ queryKey: employmentKeys.seeker(id), queryFn: ({ signal }) => getSeeker(id, signal) });
  const matches = useQuery({
    queryKey: employmentKeys.matches(id),
    queryFn: ({ signal }) => getSeekerMatches(id, signal),
  });
  const refer = useMutation({
    mutationFn: (jobId: string) => createReferral(id, jobId, matches.data!.impressionId),
    onSuccess: () => message.success('已推荐，请跟进面试和录用结果'),
  });
  const s = seeker.data;
  return (
    <PageCard title={s ? `推荐岗位 · ${s.name}` : '推荐岗位'}>
      {s && (
        <Typography.Paragraph type="secondary">
          意向工种：{s.occupations.map((o) => o.name).join('、')} · {s.preferenceName} · 期望月薪 {s.minWageFen / 100}{' '}
          元 · 现居住地 {s.regionName ?? s.regionCode}
        </Typography.Paragraph>
      )}
      {matches.data?.stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="该求职者超过 90 天未确认求职意向，请先联系确认"
        />
      )}
      <List
        loading={matches.isLoading}
        dataSource={matches.data?.items ?? []}
        locale={{ emptyText: '暂无合适的在招岗位' }}
        renderItem={(m, i) => (
          <List.Item
            actions={
              can('employment:handle')
                ? [
                    <Button key="refer" size="small" loading={refer.isPending} onClick={() => refer.mutate(m.jobId)}>
                      推荐
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <span>{i + 1}.</span>
                  <span>{m.title}</span>
                  <Typography.Text type="secondary">{m.employerName}</Typography.Text>
                </Space>
              }
              description={
                <Space direction="vertical" size={4}>
                  <span>
                    {m.occupationName} · {m.regionName ?? m.regionCode} · {yuanRange(m.wageMinFen, m.wageMaxFen)}
                  </span>
                  <Space size={[4, 4]} wrap data-testid={`reasons-${m.jobId}`}>
                    {m.explanation.map((e) => (
                      <Tag key={e} color="blue">
                        {e}
                      </Tag>
                    ))}
                  </Space>
                </Space>
              }
            />
            <Typography.Text type="secondary">匹配度 {m.score.toFixed(1)}</Typography.Text>
          </List.Item>
        )}
      />
    </PageCard>
  );
}
