import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Typography } from 'antd';
import { ageOn, normalizeRegionCode, parseIdNumber, shanghaiDate } from '@mwsp/domain';
import { getRegion, qk } from '../../../../api/endpoints';
import { sexLabels } from '../../../../api/labels';
import type { Sex } from '../../../../api/types';
import { useCan } from '../../../../auth/MeProvider';
import { MIN_WORKER_AGE, UNDER_AGE_MESSAGE } from './workerFormModel';

export interface DerivedInfo {
  /** null for a stored worker: the API withholds the birth date (it is the masked part of the ID number). */
  birthDate: string | null;
  sex: Sex;
  age: number;
  /** The 6-digit origin code of the number. */
  regionCode: string;
  /** The 18-character form when a 15-digit number was typed. */
  converted?: string;
}

/** What an ID number tells about its holder, or null when it is not valid (yet). */
export function deriveFromIdNumber(input: string | undefined): DerivedInfo | null {
  const r = parseIdNumber(input ?? '');
  if (!r.ok) return null;
  return {
    birthDate: r.birthDate,
    sex: r.sex,
    age: ageOn(r.birthDate, shanghaiDate()),
    regionCode: r.regionCode,
    converted: r.converted15 ? r.value : undefined,
  };
}

function OriginRegion({ code, onUse }: { code: string; onUse?: (canonical: string) => void }) {
  const can = useCan();
  const canonical = normalizeRegionCode(code);
  const region = useQuery({
    queryKey: qk.region(canonical ?? code),
    queryFn: ({ signal }) => getRegion(canonical as string, signal),
    enabled: can('regions:read') && !!canonical,
    staleTime: 10 * 60_000,
    retry: false,
    meta: { silent: true },
  });
  if (region.isFetching && !region.data) return <Typography.Text type="secondary">{code}（正在查询…）</Typography.Text>;
  if (!region.data) {
    return (
      <Typography.Text>
        {code}
        <Typography.Text type="secondary">（区划库中未找到，可能为已撤销的旧区划）</Typography.Text>
      </Typography.Text>
    );
  }
  return (
    <span>
      {region.data.fullName || region.data.name}
      <Typography.Text type="secondary">（{code}）</Typography.Text>
      {onUse && (
        <Button type="link" size="small" onClick={() => onUse(region.data.code)}>
          设为户籍地
        </Button>
      )}
    </span>
  );
}

interface Props {
  info: DerivedInfo | null;
  /** Shown instead of the details when `info` is null. */
  hint?: string;
  onUseAsHukou?: (regionCode: string) => void;
}

/** Read-only 出生日期 / 性别 / 年龄 / 籍贯区划 beside the ID number field. */
export function IdNumberDerived({
  info,
  hint = '输入有效的身份证号码后，将自动识别出生日期、性别、年龄和籍贯',
  onUseAsHukou,
}: Props) {
  return (
    <div
      data-testid="worker-id-derived"
      style={{
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: '8px 12px',
        minHeight: 58,
      }}
    >
      {info ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} colon>
          <Descriptions.Item label="出生日期">
            {info.birthDate ?? <Typography.Text type="secondary">已隐藏</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="性别">{sexLabels[info.sex]}</Descriptions.Item>
          <Descriptions.Item label="年龄">
            {info.age < MIN_WORKER_AGE ? (
              <Typography.Text type="danger">
                {info.age} 岁（{UNDER_AGE_MESSAGE}）
              </Typography.Text>
            ) : (
              `${info.age} 岁`
            )}
          </Descriptions.Item>
          <Descriptions.Item label="籍贯区划">
            <OriginRegion code={info.regionCode} onUse={onUseAsHukou} />
          </Descriptions.Item>
          {info.converted && (
            <Descriptions.Item label="升位后号码" span="filled">
              <Typography.Text style={{ fontFamily: 'monospace' }}>{info.converted}</Typography.Text>
              <Typography.Text type="secondary">（15位旧号码将按18位保存）</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{hint}</Typography.Text>
      )}
    </div>
  );
}
