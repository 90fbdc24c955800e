// Small display helpers shared by the warnings, arrears, defaulters and dashboard screens.
import { fenToYuan, monthLabel, parseYuan, shanghaiDate } from '@mwsp/domain';
import { Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { warningLevelLabels, warningStatusLabels } from '../../api/wages';
import type { WarningLevel, WarningStatus } from '../../api/wages';
import { dayjs } from '../../components/time';

/** 123450 → '1,234.50'; '—' when missing. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  return fenToYuan(fen);
}

/** 123450 → '1,234.50 元'. */
export function yuanText(fen: number | null | undefined): string {
  const v = yuan(fen);
  return v === '—' ? v : `${v} 元`;
}

/** Right-aligned money cell; red when `danger` and positive. */
export function MoneyCell({ fen, danger }: { fen: number | null | undefined; danger?: boolean }) {
  const text = yuan(fen);
  return (
    <Typography.Text
      type={danger && (fen ?? 0) > 0 ? 'danger' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {text}
    </Typography.Text>
  );
}

/** 'YYYY-MM-01' → '2026年3月'; null → the fallback (project-wide findings). */
export function monthText(month: string | null | undefined, fallback = '全项目'): string {
  if (!month) return fallback;
  return /^\d{4}-\d{2}/.test(month) ? monthLabel(month) : month;
}

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

/** A coloured tag from a { text, color } label map, tolerating unknown values. */
export function LabelTag<T extends string>({
  value,
  labels,
}: {
  value: T;
  labels: Record<T, { text: string; color: string }>;
}) {
  const l = labels[value];
  return l ? <Tag color={l.color}>{l.text}</Tag> : <Tag>{value}</Tag>;
}

/** Today in Asia/Shanghai, 'YYYY-MM-DD'. */
export function today(): string {
  return shanghaiDate();
}

/** Handling deadline, red with 已逾期 when overdue. */
export function DueDate({ dueOn, overdue }: { dueOn: string | null | undefined; overdue?: boolean }) {
  if (!dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!overdue) return <span>{dueOn}</span>;
  return (
    <span data-testid="overdue">
      <Typography.Text type="danger" strong>
        {dueOn}
      </Typography.Text>
      <Tag color="red" style={{ marginInlineStart: 6 }}>
        已逾期
      </Tag>
    </span>
  );
}

/** antd Form validator for a positive 元 amount (up to `maxFen` when given). */
export function yuanRule(opts: { required?: string; maxFen?: number; maxText?: string; allowZero?: boolean } = {}) {
  return {
    validator: (_: unknown, v?: string) => {
      if (v === undefined || v === null || String(v).trim() === '') {
        return Promise.reject(new Error(opts.required ?? '请输入金额'));
      }
      const r = parseYuan(String(v));
      if (!r.ok) return Promise.reject(new Error(r.message));
      if (!opts.allowZero && r.fen <= 0) return Promise.reject(new Error('金额应大于 0'));
      if (opts.maxFen !== undefined && r.fen > opts.maxFen) {
        return Promise.reject(new Error(opts.maxText ?? `金额不能超过 ${fenToYuan(opts.maxFen)} 元`));
      }
      return Promise.resolve();
    },
  };
}

/** Parsed 元 text → 分 (callers validate first). */
export function toFen(v: string | undefined): number {
  const r = parseYuan(String(v ?? ''));
  return r.ok ? r.fen : 0;
}

/** Disable dates after today in a DatePicker. */
export const notFuture = (d: Dayjs) => d.isAfter(dayjs().endOf('day'));

/** Label : value row used in cards. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 4 }}>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {children}
    </div>
  );
}
