import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { SITE_INSTITUTIONS, SITE_INSTITUTION_NAMES } from '@mwsp/domain';
import { Space, Tag, Tooltip } from 'antd';
import type { InstitutionFlags, ProjectLevel, WarningLevel, WarningStatus } from '../api';
import { projectLevelLabels, warningLevelLabels, warningStatusLabels } from '../api';

/** Project colour: 正常 green / 黄色 / 橙色 / 红色. */
export function ProjectLevelTag({ level, count }: { level: ProjectLevel; count?: number }) {
  const l = projectLevelLabels[level] ?? { text: level, color: 'default' };
  return (
    <Tag color={l.color} data-testid="project-level" data-level={level} style={{ marginInlineEnd: 0 }}>
      {level === 'green' ? '正常' : l.text}
      {count !== undefined && count > 0 && level !== 'green' ? ` · ${count}` : ''}
    </Tag>
  );
}

export function WarningLevelTag({ level }: { level: WarningLevel }) {
  const l = warningLevelLabels[level] ?? { text: level, color: 'default' };
  return (
    <Tag color={l.color} data-level={level}>
      {l.text}
    </Tag>
  );
}

/** A warning's level in the warning and arrears screens ('—' when none; `level-<level>` test id). */
export function LevelTag({ level, suffix = '' }: { level: WarningLevel | null | undefined; suffix?: string }) {
  if (!level) return <>—</>;
  const l = warningLevelLabels[level];
  if (!l) return <Tag>{level}</Tag>;
  return (
    <Tag color={l.color} data-testid={`level-${level}`}>
      {l.text}
      {suffix}
    </Tag>
  );
}

export function WarningStatusTag({ status }: { status: WarningStatus }) {
  const s = warningStatusLabels[status];
  return s ? <Tag color={s.color}>{s.text}</Tag> : <Tag>{status}</Tag>;
}

/** Short names shown in the list (full name in the tooltip). */
const SHORT: Record<string, string> = {
  realName: '实名',
  account: '专户',
  contractorPays: '代发',
  deposit: '保证金',
  noticeBoard: '告示牌',
  ledger: '台账',
};

/** The six site institutions (六项制度) as small ✓/✗ tags. */
export function InstitutionIndicators({ flags }: { flags: InstitutionFlags }) {
  const missing = SITE_INSTITUTIONS.filter((k) => !flags[k]).length;
  return (
    <Space size={[2, 2]} wrap data-testid="institutions" data-missing={missing}>
      {SITE_INSTITUTIONS.map((k) => {
        const ok = !!flags[k];
        return (
          <Tooltip key={k} title={`${SITE_INSTITUTION_NAMES[k]}：${ok ? '已落实' : '未落实'}`}>
            <Tag
              color={ok ? 'success' : 'error'}
              icon={ok ? <CheckOutlined /> : <CloseOutlined />}
              style={{ marginInlineEnd: 0, fontSize: 11, paddingInline: 4 }}
              aria-label={`${SITE_INSTITUTION_NAMES[k]}${ok ? '已落实' : '未落实'}`}
              data-institution={k}
              data-ok={ok}
            >
              {SHORT[k]}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}
