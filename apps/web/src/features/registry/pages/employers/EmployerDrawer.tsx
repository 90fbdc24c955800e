import { Descriptions, Drawer, Progress, Tag, Typography } from 'antd';
import { employerSizeLabels } from '../../../../api/labels';
import type { Employer } from '../../../../api/types';
import { EmploymentsTable } from '../../components/EmploymentsTable';
import { useCodeTables } from '../../components/useCodeTables';
import { formatDateTime } from '../../../../components/time';

export function contractPercent(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  return Math.round(Math.min(Math.max(rate, 0), 1) * 1000) / 10;
}

/** An employer's details and its employments (GET /api/employments?employerId=). */
export function EmployerDrawer({ employer, onClose }: { employer: Employer | null; onClose: () => void }) {
  const codes = useCodeTables();
  const percent = contractPercent(employer?.contractRate);
  return (
    <Drawer open={!!employer} onClose={onClose} width={1000} title={employer?.name ?? ''} destroyOnHidden>
      {employer && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 24 }}>
            <Descriptions.Item label="统一社会信用代码">
              <Typography.Text style={{ fontFamily: 'monospace' }}>{employer.creditCode}</Typography.Text>
              {!employer.creditCodeValid && (
                <Tag color="warning" style={{ marginInlineStart: 8 }}>
                  校验位不符
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="法定代表人">{employer.legalRep ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="行业">{codes.nameOf('industries', employer.industry)}</Descriptions.Item>
            <Descriptions.Item label="企业规模">
              {employer.size
                ? (codes.tables.employerSizes.find((s) => s.code === employer.size)?.name ??
                  employerSizeLabels[employer.size])
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="所在区划">{employer.regionName ?? employer.regionCode}</Descriptions.Item>
            <Descriptions.Item label="地址">{employer.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系人">{employer.contactName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{employer.contactPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="在职人数">{employer.workerCount} 人</Descriptions.Item>
            <Descriptions.Item label="劳动合同签订率">
              {percent === null ? '—' : <Progress percent={percent} size="small" style={{ width: 200, margin: 0 }} />}
            </Descriptions.Item>
            <Descriptions.Item label="登记时间">{formatDateTime(employer.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>用工记录</Typography.Title>
          <EmploymentsTable employerId={employer.id} />
        </>
      )}
    </Drawer>
  );
}
