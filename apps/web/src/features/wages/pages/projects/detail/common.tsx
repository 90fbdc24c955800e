import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker } from 'antd';
import type { DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback } from 'react';
import { wqk } from '../../../api';
import { useCan } from '../../../../../auth/MeProvider';
import { showApiError } from '../../../../../components/feedback';
import { isVersionConflict } from '../../../components/formErrors';

/** Refresh everything shown about a project (detail, tabs, the list and warnings). */
export function useInvalidateProject(projectId: string) {
  const qc = useQueryClient();
  return useCallback(() => {
    void qc.invalidateQueries({ queryKey: wqk.projectScope(projectId) });
    void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    void qc.invalidateQueries({ queryKey: wqk.warningsAll });
  }, [qc, projectId]);
}

/** wages:write holder, and the project is not closed. */
export function useCanWrite(status?: string): boolean {
  const can = useCan();
  return can('wages:write') && status !== 'closed';
}

/** wages:import holder (uploads of attendance, payroll and bank files), and the project is not closed. */
export function useCanImport(status?: string): boolean {
  const can = useCan();
  return can('wages:import') && status !== 'closed';
}

/** 409 on PATCH with a stale version: reload and tell the user; other errors as usual. */
export function useConflictAware(projectId: string) {
  const { message } = App.useApp();
  const invalidate = useInvalidateProject(projectId);
  return useCallback(
    (err: unknown, fallback: (err: unknown) => void = (e) => showApiError(e)) => {
      if (isVersionConflict(err)) {
        message.warning('项目信息已被他人修改，已刷新为最新数据，请核对后重新操作');
        invalidate();
        return;
      }
      fallback(err);
    },
    [message, invalidate],
  );
}

export const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
export const ym = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM') : undefined);

/** Month picker ('YYYY年M月'). */
export function MonthPicker(props: DatePickerProps) {
  return <DatePicker picker="month" format="YYYY年M月" allowClear={false} {...props} />;
}
