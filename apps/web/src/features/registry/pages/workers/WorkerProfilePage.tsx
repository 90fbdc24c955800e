import { ArrowLeftOutlined, EditOutlined, EyeOutlined, MergeCellsOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Avatar, Button, Card, Descriptions, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { migrantTypeLabels, sexLabels, workerStatusLabels } from '../../../../api/labels';
import { getWorker, rqk } from '../../api';
import type { Worker } from '../../../../api/types';
import { useCan } from '../../../../auth/MeProvider';
import { WorkerWagesTab } from '../../../wages/components/WorkerWagesTab';
import { DetailFallback } from '../../../../components/DetailFallback';
import { useCodeTables } from '../../components/useCodeTables';
import { formatDateTime } from '../../../../components/time';
import { BasicInfoTab } from './profile/BasicInfoTab';
import { EmploymentsTab } from './profile/EmploymentsTab';
import { InsuranceTab } from './profile/InsuranceTab';
import { MergeModal } from './profile/MergeModal';
import { TimelineTab } from './profile/TimelineTab';
import { UnmaskModal } from './profile/UnmaskModal';

const TABS = ['basic', 'employment', 'insurance', 'wages', 'timeline'] as const;
type TabKey = (typeof TABS)[number];

function ProfileHeader({ worker, onRefresh }: { worker: Worker; onRefresh: () => void }) {
  const can = useCan();
  const navigate = useNavigate();
  const codes = useCodeTables();
  const [unmaskOpen, setUnmaskOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const migrant = migrantTypeLabels[worker.migrantType];
  const status = workerStatusLabels[worker.status];
  const active = worker.status === 'active';

  return (
    <Card variant="borderless" data-testid="worker-profile">
      <Flex justify="space-between" align="flex-start" wrap gap={16}>
        <Flex gap={16} align="flex-start">
          <Avatar size={56} style={{ background: worker.sex === 'female' ? '#c41d7f' : '#1d5fc4', flex: 'none' }}>
            {[...worker.name][0]}
          </Avatar>
          <div>
            <Space size={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {worker.name}
              </Typography.Title>
              {status && <Tag color={status.color}>{status.text}</Tag>}
              {migrant && <Tag color={migrant.color}>{migrant.text}</Tag>}
              {worker.crossProvince && <Tag color="volcano">跨省</Tag>}
            </Space>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 8 }}>
              <Descriptions.Item label="身份证号">
                <Typography.Text style={{ fontFamily: 'monospace' }}>{worker.idNumber}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="性别">{sexLabels[worker.sex] ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="年龄">{worker.age} 岁</Descriptions.Item>
              <Descriptions.Item label="民族">{codes.nameOf('ethnicities', worker.ethnicity)}</Descriptions.Item>
              <Descriptions.Item label="文化程度">{codes.nameOf('educations', worker.education)}</Descriptions.Item>
              <Descriptions.Item label="手机号">{worker.phone ?? '未登记'}</Descriptions.Item>
              <Descriptions.Item label="当前单位">{worker.currentEmployment?.employerName ?? '暂无'}</Descriptions.Item>
              <Descriptions.Item label="登记时间">{formatDateTime(worker.createdAt)}</Descriptions.Item>
            </Descriptions>
          </div>
        </Flex>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/workers')}>
            返回列表
          </Button>
          <Button icon={<ReloadOutlined />} onClick={onRefresh}>
            刷新
          </Button>
          {can('pii:unmask') && (
            <Button icon={<EyeOutlined />} data-testid="worker-unmask" onClick={() => setUnmaskOpen(true)}>
              查看完整信息
            </Button>
          )}
          {can('registry:merge') && active && (
            <Button icon={<MergeCellsOutlined />} onClick={() => setMergeOpen(true)}>
              合并重复档案
            </Button>
          )}
          {can('registry:write') && active && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/workers/${worker.id}/edit`)}>
              编辑
            </Button>
          )}
        </Space>
      </Flex>
      {can('pii:unmask') && <UnmaskModal worker={worker} open={unmaskOpen} onClose={() => setUnmaskOpen(false)} />}
      {can('registry:merge') && <MergeModal worker={worker} open={mergeOpen} onClose={() => setMergeOpen(false)} />}
    </Card>
  );
}

/** /workers/:id — 一人一档 */
export default function WorkerProfilePage() {
  const can = useCan();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const requested: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'basic';
  const tab: TabKey = requested === 'wages' && !can('wages:read') ? 'basic' : requested;
  const worker = useQuery({
    queryKey: rqk.worker(id),
    queryFn: ({ signal }) => getWorker(id, signal),
    enabled: !!id,
  });

  if (!worker.isSuccess)
    return <DetailFallback query={worker} subject="务工人员档案" listPath="/workers" rows={4} avatar />;
  const w = worker.data;

  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} key={w.id}>
      {w.status === 'merged' && (
        <Alert
          type="warning"
          showIcon
          message="该档案已合并"
          description={
            w.mergedInto ? (
              <span>
                本档案的记录已并入其他档案，<Link to={`/workers/${w.mergedInto}`}>查看合并后的档案</Link>。
              </span>
            ) : (
              '本档案的记录已并入其他档案。'
            )
          }
        />
      )}
      <ProfileHeader worker={w} onRefresh={() => void worker.refetch()} />
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (key === 'basic') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={[
            { key: 'basic', label: '基本信息', children: <BasicInfoTab worker={w} /> },
            { key: 'employment', label: '就业与合同', children: <EmploymentsTab worker={w} /> },
            { key: 'insurance', label: '社会保险', children: <InsuranceTab worker={w} /> },
            ...(can('wages:read')
              ? [{ key: 'wages', label: '工资发放', children: <WorkerWagesTab workerId={w.id} /> }]
              : []),
            { key: 'timeline', label: '时间线', children: <TimelineTab workerId={w.id} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
