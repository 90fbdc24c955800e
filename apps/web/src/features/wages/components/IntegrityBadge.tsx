import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Spin, Tag, Tooltip } from 'antd';
import { getEmployerIntegrity, wqk } from '../api';
import type { EmployerIntegrity } from '../api';

const GRADE_COLORS: Record<EmployerIntegrity['grade'], string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/**
 * Employer integrity grade (守法诚信等级, GET /api/employers/:id/integrity) as a coloured tag with the
 * grade's meaning, the number of arrears cases and the defaulter listing in the tooltip. Renders
 * nothing when the grade cannot be read (no permission, unknown employer).
 */
export function IntegrityBadge({
  employerId,
  showName = false,
}: {
  employerId: string | null | undefined;
  showName?: boolean;
}) {
  const q = useQuery({
    queryKey: wqk.integrity(employerId ?? ''),
    queryFn: ({ signal }) => getEmployerIntegrity(employerId as string, signal),
    enabled: !!employerId,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  if (!employerId) return null;
  if (q.isPending) return <Spin size="small" />;
  if (!q.data) return null;
  const d = q.data;
  const tip = (
    <div>
      <div>{d.gradeName}</div>
      <div>欠薪案件：{d.arrearsCases} 件</div>
      {d.listed && <div>已列入拖欠农民工工资失信联合惩戒对象名单</div>}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <Tag
        color={GRADE_COLORS[d.grade] ?? 'default'}
        icon={<SafetyCertificateOutlined />}
        data-testid="integrity-badge"
      >
        诚信 {d.grade} 级{showName && d.listed ? '（失信名单）' : ''}
      </Tag>
    </Tooltip>
  );
}
