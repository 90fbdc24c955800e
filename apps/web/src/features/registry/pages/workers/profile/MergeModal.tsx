import { MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Input, Modal, Radio, Select, Space, Spin, Typography } from 'antd';
import { parseIdNumber } from '@mwsp/domain';
import { useState } from 'react';
import { getWorkers, mergeWorker, rqk } from '../../../api';
import { sexLabels } from '../../../../../api/labels';
import type { Worker, WorkerListItem } from '../../../../../api/types';
import { showApiError } from '../../../../../components/feedback';
import { useDebounced } from '../../../../../components/useDebounced';

type Mode = 'idNumber' | 'search';

function Candidate({ worker }: { worker: WorkerListItem }) {
  return (
    <Descriptions bordered size="small" column={2}>
      <Descriptions.Item label="姓名">{worker.name}</Descriptions.Item>
      <Descriptions.Item label="身份证号">
        <Typography.Text style={{ fontFamily: 'monospace' }}>{worker.idNumber}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="性别">{sexLabels[worker.sex] ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="年龄">{worker.age} 岁</Descriptions.Item>
      <Descriptions.Item label="户籍地" span={2}>
        {worker.hukouRegionName ?? worker.hukouRegionCode}
      </Descriptions.Item>
      <Descriptions.Item label="当前单位" span={2}>
        {worker.currentEmployment?.employerName ?? '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 合并重复档案: find the duplicate, confirm, POST /api/workers/:id/merge — this worker survives. */
export function MergeModal({ worker, open, onClose }: { worker: Worker; open: boolean; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [mode, setMode] = useState<Mode>('idNumber');
  const [idInput, setIdInput] = useState('');
  const [idError, setIdError] = useState<string | null>(null);
  const [lookupId, setLookupId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [picked, setPicked] = useState<WorkerListItem | null>(null);

  const byId = useQuery({
    queryKey: rqk.workers({ idNumber: lookupId ?? '', page: 1, pageSize: 5 }),
    queryFn: ({ signal }) => getWorkers({ idNumber: lookupId as string, page: 1, pageSize: 5 }, signal),
    enabled: open && mode === 'idNumber' && !!lookupId,
  });
  const byName = useQuery({
    queryKey: rqk.workers({ q, page: 1, pageSize: 20 }),
    queryFn: ({ signal }) => getWorkers({ q, page: 1, pageSize: 20 }, signal),
    enabled: open && mode === 'search' && q.length > 0,
  });

  const candidate: WorkerListItem | null =
    mode === 'idNumber' ? (byId.data?.items.find((w) => w.id !== worker.id) ?? null) : picked;
  const sameAsSelf =
    mode === 'idNumber' &&
    !!byId.data &&
    byId.data.items.length > 0 &&
    byId.data.items.every((w) => w.id === worker.id);

  const reset = () => {
    setMode('idNumber');
    setIdInput('');
    setIdError(null);
    setLookupId(null);
    setSearch('');
    setPicked(null);
  };

  const merge = useMutation({
    mutationFn: (dup: WorkerListItem) => mergeWorker(worker.id, dup.id),
    onSuccess: (survivor, dup) => {
      // The answer leaves out the insurance records: keep the cached ones until the refetch below.
      qc.setQueryData<Worker>(rqk.worker(survivor.id), (old) => ({ ...survivor, insurance: old?.insurance ?? [] }));
      void qc.invalidateQueries({ queryKey: rqk.workersAll });
      void qc.invalidateQueries({ queryKey: rqk.employmentsAll });
      message.success(`已将“${dup.name}”的档案合并到本档案`);
      onClose();
    },
    onError: (err) => showApiError(err),
  });

  const lookup = () => {
    const r = parseIdNumber(idInput);
    if (!r.ok) {
      setIdError(r.message);
      setLookupId(null);
      return;
    }
    setIdError(null);
    setLookupId(r.value);
  };

  const confirm = (dup: WorkerListItem) =>
    modal.confirm({
      title: '确认合并重复档案',
      icon: <MergeCellsOutlined />,
      width: 520,
      content: (
        <Space direction="vertical">
          <span>
            将把重复档案“{dup.name}（{dup.idNumber}
            ）”的全部记录——用工关系、劳动合同、社会保险、转移接续和时间线等——移入当前档案“
            {worker.name}（{worker.idNumber}）”。
          </span>
          <span>合并后，重复档案将标记为“已合并”，不再单独使用。此操作记入审计日志，且不可撤销。</span>
        </Space>
      ),
      okText: '确认合并',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => merge.mutateAsync(dup).catch(() => undefined),
    });

  const problem =
    candidate?.status === 'merged'
      ? '该档案已被合并到其他档案，不能再次合并'
      : sameAsSelf
        ? '该身份证号码对应的就是当前档案'
        : null;

  return (
    <Modal
      open={open}
      title="合并重复档案"
      onCancel={onClose}
      afterClose={reset}
      destroyOnHidden
      maskClosable={false}
      width={640}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger
            disabled={!candidate || !!problem}
            loading={merge.isPending}
            onClick={() => candidate && confirm(candidate)}
          >
            下一步：确认合并
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
        <Alert
          type="info"
          showIcon
          message={`当前档案“${worker.name}（${worker.idNumber}）”将被保留，重复档案的全部记录将并入当前档案。`}
        />
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as Mode);
            setPicked(null);
          }}
          optionType="button"
          options={[
            { value: 'idNumber', label: '按身份证号查找' },
            { value: 'search', label: '按姓名搜索' },
          ]}
        />
        {mode === 'idNumber' ? (
          <div>
            <Input.Search
              placeholder="输入重复档案的身份证号码"
              enterButton="查找"
              value={idInput}
              status={idError ? 'error' : undefined}
              onChange={(e) => {
                setIdInput(e.target.value);
                setIdError(null);
              }}
              onSearch={lookup}
              loading={byId.isFetching}
              autoComplete="off"
            />
            {idError && <Typography.Text type="danger">{idError}</Typography.Text>}
          </div>
        ) : (
          <Select
            showSearch
            filterOption={false}
            placeholder="输入姓名搜索"
            style={{ width: '100%' }}
            onSearch={setSearch}
            value={picked?.id}
            onChange={(id: string) => setPicked(byName.data?.items.find((w) => w.id === id) ?? null)}
            loading={byName.isFetching}
            notFoundContent={byName.isFetching ? <Spin size="small" /> : q ? '未找到匹配的务工人员' : '请输入姓名'}
            options={(byName.data?.items ?? [])
              .filter((w) => w.id !== worker.id)
              .map((w) => ({
                value: w.id,
                label: `${w.name}　${w.idNumber}　${w.hukouRegionName ?? ''}${w.status === 'merged' ? '（已合并）' : ''}`,
              }))}
          />
        )}
        {mode === 'idNumber' && lookupId && byId.isSuccess && !candidate && !sameAsSelf && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未找到该身份证号码对应的档案" />
        )}
        {problem && <Alert type="warning" showIcon message={problem} />}
        {candidate && <Candidate worker={candidate} />}
      </Space>
    </Modal>
  );
}
