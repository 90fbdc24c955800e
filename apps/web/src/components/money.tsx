import { fenToYuan, parseYuan } from '@mwsp/domain';
import { Typography } from 'antd';
import type { Rule } from 'antd/es/form';

/** 分 → '1,234.50' (2 decimals, grouped); '—' for null / undefined. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  return fenToYuan(fen);
}

/** 分 → '1,234.50 元'. */
export function formatYuanText(fen: number | null | undefined): string {
  const s = formatFen(fen);
  return s === '—' ? s : `${s} 元`;
}

/** 分 → a plain 元 string for an input ('1234.50'); '' when empty. */
export function fenToInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '';
  return fenToYuan(fen, { grouping: false });
}

/** A 元 text typed by the user → integer 分 (throws RangeError with the Chinese message). */
export function inputToFen(text: string | number | undefined | null, allowNegative = false): number {
  const r = parseYuan(text ?? '', { allowNegative });
  if (!r.ok) throw new RangeError(r.message);
  return r.fen;
}

/** Right-aligned money cell of the warning and arrears lists; red when `danger` and positive. */
export function MoneyCell({ fen, danger }: { fen: number | null | undefined; danger?: boolean }) {
  return (
    <Typography.Text
      type={danger && (fen ?? 0) > 0 ? 'danger' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {formatFen(fen)}
    </Typography.Text>
  );
}

/** Amount in 元 with 2 decimals, right-aligned figures; `danger` when negative or flagged. */
export function Yuan({
  fen,
  type,
  strong,
}: {
  fen: number | null | undefined;
  type?: 'danger' | 'success' | 'secondary' | 'warning';
  strong?: boolean;
}) {
  return (
    <Typography.Text type={type} strong={strong} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatFen(fen)}
    </Typography.Text>
  );
}

interface YuanRuleOptions {
  required?: boolean;
  allowNegative?: boolean;
  /** Refuse 0. */
  positive?: boolean;
  /** Label used in messages, e.g. '合同金额'. */
  label?: string;
  /** Upper bound in 分. */
  maxFen?: number;
  /** Message when above `maxFen` (default: '<label>不能超过 … 元'). */
  maxText?: string;
}

/** antd Form rule for a 元 amount typed as text (at most 2 decimals). */
export function yuanRule(options: YuanRuleOptions = {}): Rule {
  const { required = true, allowNegative = false, positive = false, label = '金额', maxFen, maxText } = options;
  return {
    validator: (_, value?: string) => {
      if (value === undefined || value === null || String(value).trim() === '') {
        return required ? Promise.reject(new Error(`请输入${label}`)) : Promise.resolve();
      }
      const r = parseYuan(value, { allowNegative });
      if (!r.ok) return Promise.reject(new Error(r.message));
      if (positive && r.fen <= 0) return Promise.reject(new Error(`${label}应大于 0`));
      if (maxFen !== undefined && r.fen > maxFen)
        return Promise.reject(new Error(maxText ?? `${label}不能超过 ${fenToYuan(maxFen)} 元`));
      return Promise.resolve();
    },
  };
}

/** Basis points → '2.5%'. */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}
