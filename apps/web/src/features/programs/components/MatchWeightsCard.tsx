import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { MATCH_FEATURE_LABELS, MATCH_FEATURES } from '@mwsp/domain';
import { useMe } from '../../../auth/MeProvider';
import { showApiError } from '../../../components/feedback';
import {
  getCampaignWeights,
  matchWeightsKey,
  putCampaignWeights,
  resetCampaignWeights,
  type MatchWeights,
} from '../api';

/**
 * 人岗匹配权重 of a campaign: one number (0–20) per feature of the match model, with its Chinese label; saved for
 * this campaign only, or reset to the city's default. Changing them is for the city level (the server says so).
 */
/** readOnly: the campaign is a superior region's (its weights are shown, not editable). */
export function MatchWeightsCard({ campaignId, readOnly = false }: { campaignId: string; readOnly?: boolean }) {
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<MatchWeights>();
  const w = useQuery({
    queryKey: matchWeightsKey(campaignId),
    queryFn: ({ signal }) => getCampaignWeights(campaignId, signal),
  });
  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: matchWeightsKey(campaignId) });
  };
  const save = useMutation({
    mutationFn: (weights: MatchWeights) => putCampaignWeights(campaignId, weights),
    onSuccess: () => done('匹配权重已保存'),
    onError: (err) => showApiError(err, form),
  });
  const reset = useMutation({
    mutationFn: () => resetCampaignWeights(campaignId),
    onSuccess: () => done('已恢复默认权重'),
    onError: (err) => showApiError(err),
  });
  const edit = can('employment:handle') && !readOnly;
  const labels = w.data?.labels ?? MATCH_FEATURE_LABELS;
  return (
    <Card
      size="small"
      title={
        <Space>
          人岗匹配权重
          {w.data && (w.data.custom ? <Tag color="blue">本活动单独设置</Tag> : <Tag>默认权重</Tag>)}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        推荐岗位时各项因素的权重（0–20，越大越重要）；由市级就业服务部门调整，只影响本活动的匹配结果。
      </Typography.Paragraph>
      {w.data && (
        <Form
          key={w.dataUpdatedAt}
          form={form}
          layout="vertical"
          disabled={!edit}
          initialValues={w.data.weights}
          onFinish={(v) => save.mutate(v)}
        >
          <Row gutter={12}>
            {MATCH_FEATURES.map((f) => (
              <Col span={6} key={f}>
                <Form.Item
                  name={f}
                  label={labels[f] ?? f}
                  extra={`默认 ${w.data.defaults[f]}`}
                  rules={[{ required: true, message: `请填写“${labels[f] ?? f}”的权重` }]}
                >
                  <InputNumber min={0} max={20} step={0.5} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {edit && (
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存权重
              </Button>
              <Button disabled={!w.data?.custom} onClick={() => reset.mutate()} loading={reset.isPending}>
                恢复默认
              </Button>
            </Space>
          )}
        </Form>
      )}
    </Card>
  );
}
