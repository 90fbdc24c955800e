import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { leftBehindRelationLabels, migrantTypeLabels, sexLabels, workerStatusLabels } from '../../../../../api/labels';
import type { AccompanyingChild, LeftBehindMember, Worker } from '../../../../../api/types';
import { useCodeTables } from '../../../components/useCodeTables';
import { formatDateTime } from '../../../../../components/time';

const none = <Typography.Text type="secondary">未登记</Typography.Text>;

/** 基本信息: everything the masked record holds. */
export function BasicInfoTab({ worker }: { worker: Worker }) {
  const codes = useCodeTables();
  const migrant = migrantTypeLabels[worker.migrantType];
  const status = workerStatusLabels[worker.status];

  return (
    <Space direction="vertical" size="large" style={{ display: 'flex' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title="个人信息">
        <Descriptions.Item label="姓名">{worker.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">
          <Typography.Text style={{ fontFamily: 'monospace' }}>{worker.idNumber}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="性别">{sexLabels[worker.sex] ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="出生日期">
          {/* Withheld by the API: with the masked ID number it would give the full number. */}
          {worker.birthDate ?? (
            <Typography.Text type="secondary" data-testid="birth-date-hidden">
              已隐藏（可通过“查看完整信息”申请查看）
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="年龄">{worker.age} 岁</Descriptions.Item>
        <Descriptions.Item label="民族">{codes.nameOf('ethnicities', worker.ethnicity)}</Descriptions.Item>
        <Descriptions.Item label="文化程度">{codes.nameOf('educations', worker.education)}</Descriptions.Item>
        <Descriptions.Item label="手机号码">{worker.phone ?? none}</Descriptions.Item>
        <Descriptions.Item label="户籍地">{worker.hukouRegionName ?? worker.hukouRegionCode}</Descriptions.Item>
        <Descriptions.Item label="现居住地">
          {worker.residenceRegionName ?? worker.residenceRegionCode}
        </Descriptions.Item>
        <Descriptions.Item label="本地/外出">
          {migrant ? <Tag color={migrant.color}>{migrant.text}</Tag> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="跨省流动">
          {worker.crossProvince ? <Tag color="volcano">跨省</Tag> : '省内'}
        </Descriptions.Item>
        <Descriptions.Item label="档案状态">
          {status ? <Tag color={status.color}>{status.text}</Tag> : worker.status}
        </Descriptions.Item>
        <Descriptions.Item label="当前单位">
          {worker.currentEmployment
            ? worker.currentEmployment.employerName +
              (worker.currentEmployment.position ? `（${worker.currentEmployment.position}）` : '')
            : none}
        </Descriptions.Item>
        <Descriptions.Item label="登记时间">{formatDateTime(worker.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="最近更新">{formatDateTime(worker.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <Descriptions bordered size="small" column={1} title="职业技能">
        <Descriptions.Item label="技能">
          {worker.skills.length === 0 ? (
            none
          ) : (
            <Space direction="vertical" size={2}>
              {worker.skills.map((s, i) => (
                <span key={`${s.occupationCode}-${i}`}>
                  {codes.nameOf('occupations', s.occupationCode)}
                  <Typography.Text type="secondary">（{s.occupationCode}）</Typography.Text>
                  {s.level && <Tag style={{ marginInlineStart: 8 }}>{s.level}</Tag>}
                  {s.certificate && <Typography.Text type="secondary">证书：{s.certificate}</Typography.Text>}
                </span>
              ))}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>

      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title="工资卡与紧急联系人">
        <Descriptions.Item label="工资卡">
          {worker.bankCard ? (
            <Space size={4} wrap>
              <Typography.Text style={{ fontFamily: 'monospace' }}>{worker.bankCard}</Typography.Text>
              {worker.bankName && <span>{worker.bankName}</span>}
              {worker.bankCardLuhnOk === false && <Tag color="warning">卡号校验未通过，请核对</Tag>}
            </Space>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label="紧急联系人">
          {worker.emergencyContact ? (
            <span>
              {worker.emergencyContact.name}（{codes.nameOf('relations', worker.emergencyContact.relation)}）
              {worker.emergencyContact.phone}
            </span>
          ) : (
            none
          )}
        </Descriptions.Item>
      </Descriptions>

      <div>
        <Typography.Title level={5}>随迁子女</Typography.Title>
        <Table<AccompanyingChild & { key: number }>
          size="small"
          pagination={false}
          dataSource={worker.accompanyingChildren.map((c, key) => ({ ...c, key }))}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无随迁子女" /> }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '出生年份', dataIndex: 'birthYear', width: 120 },
            {
              title: '就学阶段',
              dataIndex: 'schoolStage',
              width: 160,
              render: (v: string) => codes.nameOf('schoolStages', v),
            },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>留守家庭成员</Typography.Title>
        <Table<LeftBehindMember & { key: number }>
          size="small"
          pagination={false}
          dataSource={worker.leftBehind.map((m, key) => ({ ...m, key }))}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无留守家庭成员" /> }}
          columns={[
            {
              title: '关系',
              dataIndex: 'relation',
              width: 120,
              render: (v: LeftBehindMember['relation']) => leftBehindRelationLabels[v] ?? v,
            },
            { title: '姓名', dataIndex: 'name' },
            { title: '出生年份', dataIndex: 'birthYear', width: 120 },
          ]}
        />
      </div>
    </Space>
  );
}
