import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe } from '../../../auth/MeProvider';
import { EChart } from '../../../components/charts/EChart';
import { PageCard } from '../../../components/PageCard';
import { RegionTreeSelect } from '../../../components/regions/RegionTreeSelect';
import {
  CONSULT_CHANNEL_LABELS,
  CONSULT_TOPIC_LABELS,
  createConsultation,
  exportRegister,
  getConsultationStats,
  getConsultations,
  options,
  programKeys,
  type Consultation,
} from '../api';
import { CreateModal } from '../components/CreateModal';
import { ExportButton } from '../components/ExportButton';
import { ProgramTable } from '../components/ProgramTable';

const pie = (title: string, rows: { label: string; count: number }[]) => ({
  title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
  tooltip: { trigger: 'item' },
  series: [{ type: 'pie', radius: '60%', top: 24, data: rows.map((r) => ({ name: r.label, value: r.count })) }],
});

/** /programs/consulting — 政策咨询: the log of enquiries answered at every level, counted by topic, channel, county. */
export default function ConsultingPage() {
  const { can } = useMe();
  const [creating, setCreating] = useState(false);
  const stats = useQuery({
    queryKey: programKeys.results('consulting'),
    queryFn: ({ signal }) => getConsultationStats(signal),
  });
  return (
    <PageCard
      title="政策咨询"
      extra={
        can('employment:handle') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记政策咨询
          </Button>
        ) : null
      }
    >
      <ProgramTable<Consultation>
        what="consulting"
        toolbar={(f) => <ExportButton name="政策咨询" run={() => exportRegister('consulting', f)} />}
        fetch={getConsultations}
        searchPlaceholder="咨询内容、答复或咨询人"
        columns={[
          { title: '日期', dataIndex: 'askedOn', width: 110 },
          { title: '主题', dataIndex: 'topicName', width: 130 },
          { title: '渠道', dataIndex: 'channelName', width: 110 },
          { title: '受理地', dataIndex: 'regionName', width: 200, ellipsis: true },
          { title: '咨询内容', dataIndex: 'question', ellipsis: true },
          { title: '答复摘要', dataIndex: 'answer', ellipsis: true },
        ]}
      />
      <Card size="small" title={`咨询统计（共 ${stats.data?.total ?? 0} 次）`} style={{ marginTop: 16 }}>
        {stats.data && stats.data.total > 0 ? (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <EChart option={pie('按主题', stats.data.byTopic)} />
            </Col>
            <Col xs={24} md={8}>
              <EChart option={pie('按渠道', stats.data.byChannel)} />
            </Col>
            <Col xs={24} md={8}>
              <EChart
                option={pie(
                  '按区县',
                  stats.data.byRegion.map((r) => ({ label: r.regionName, count: r.count })),
                )}
              />
            </Col>
          </Row>
        ) : (
          <Empty description="暂无数据" />
        )}
      </Card>
      {creating && (
        <CreateModal<{
          regionCode: string;
          askedOn: Dayjs;
          topic: keyof typeof CONSULT_TOPIC_LABELS;
          channel: keyof typeof CONSULT_CHANNEL_LABELS;
          asker?: string;
          question: string;
          answer: string;
        }>
          title="登记政策咨询"
          onClose={() => setCreating(false)}
          initialValues={{ channel: 'window' }}
          submit={(v) =>
            createConsultation({
              regionCode: v.regionCode,
              askedOn: v.askedOn.format('YYYY-MM-DD'),
              topic: v.topic,
              channel: v.channel,
              asker: v.asker ?? '',
              question: v.question,
              answer: v.answer,
            })
          }
        >
          <Form.Item name="regionCode" label="受理咨询的区划" rules={[{ required: true, message: '请选择区划' }]}>
            <RegionTreeSelect />
          </Form.Item>
          <Form.Item name="askedOn" label="咨询日期" rules={[{ required: true, message: '请选择咨询日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="topic" label="咨询主题" rules={[{ required: true, message: '请选择咨询主题' }]}>
            <Select options={options(CONSULT_TOPIC_LABELS)} />
          </Form.Item>
          <Form.Item name="channel" label="咨询渠道" rules={[{ required: true, message: '请选择咨询渠道' }]}>
            <Select options={options(CONSULT_CHANNEL_LABELS)} />
          </Form.Item>
          <Form.Item name="asker" label="咨询人">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="question"
            label="咨询内容"
            rules={[{ required: true, whitespace: true, message: '请填写咨询内容' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="answer"
            label="答复摘要"
            rules={[{ required: true, whitespace: true, message: '请填写答复摘要' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </CreateModal>
      )}
    </PageCard>
  );
}
