import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber, Modal, Select } from 'antd';
import { OCCUPATIONS } from '@mwsp/domain';
import { useState } from 'react';
import { ApiError } from '../../../../api/client';
import { useDebounced } from '../../../../components/useDebounced';
import { getWorkers } from '../../../registry/api';
import { createSeeker, employmentKeys, PLACE_PREFERENCE_LABELS, type SeekerInput } from '../../api';

interface Values {
  workerId: string;
  occupations: string[];
  preference: SeekerInput['preference'];
  minWageYuan: number;
}

/** 求职登记: a worker of the registry (searched by name), wanted occupations, 就地就近/外出, the minimum wage. */
export function SeekerModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const workers = useQuery({
    queryKey: ['employment', 'worker-search', q],
    queryFn: ({ signal }) => getWorkers({ q, page: 1, pageSize: 20 }, signal),
    enabled: q.length > 0,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      createSeeker({
        workerId: v.workerId,
        occupations: v.occupations,
        preference: v.preference,
        minWageFen: Math.round(v.minWageYuan * 100),
        places: [],
      }),
    onSuccess: async () => {
      message.success('已登记求职');
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError)
        form.setFields(e.errors.map((x) => ({ name: x.path.split('.')[0] as keyof Values, errors: [x.message] })));
    },
  });
  return (
    <Modal
      open
      title="求职登记"
      okText="登记"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      <Form form={form} layout="vertical" initialValues={{ preference: 'local', minWageYuan: 3000 }}>
        <Form.Item name="workerId" label="务工人员（实名登记）" rules={[{ required: true, message: '请选择务工人员' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder="输入姓名搜索"
            loading={workers.isFetching}
            options={(workers.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.idNumber}）` }))}
          />
        </Form.Item>
        <Form.Item name="occupations" label="意向工种" rules={[{ required: true, message: '请至少选择一个意向工种' }]}>
          <Select
            mode="multiple"
            maxCount={5}
            optionFilterProp="label"
            options={OCCUPATIONS.map((o) => ({ value: o.code, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="preference" label="就业意向">
          <Select options={Object.entries(PLACE_PREFERENCE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="minWageYuan" label="期望月薪（元）" rules={[{ required: true, message: '请填写期望月薪' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
