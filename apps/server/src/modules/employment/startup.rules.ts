import { fenToYuan, shanghaiDate } from '@mwsp/domain';
import type { Problem } from './campaigns.rules.js';

/** The rules of startup guaranteed loans (创业担保贷款), pure: the service applies them. */

/** An application: within the individual cap (a city parameter), not dated in the future. */
export function checkLoanApplication(
  a: { amountFen: number; appliedOn: string },
  capFen: number,
  now: Date,
): Problem | null {
  if (a.amountFen > capFen)
    return {
      path: 'amountFen',
      message: `申请金额超过个人创业担保贷款最高额度 ${fenToYuan(capFen)} 元`,
    };
  if (a.appliedOn > shanghaiDate(now)) return { path: 'appliedOn', message: '申请日期不能晚于今天' };
  return null;
}

/** Which bank decisions may follow a status: submitted → approved/rejected; approved → disbursed. */
const NEXT: Record<string, readonly string[]> = {
  submitted: ['approved', 'rejected'],
  approved: ['disbursed'],
  rejected: [],
  disbursed: [],
};

/** A bank decision: allowed from the status, dated from the application to today, approved ≤ applied. */
export function checkLoanDecision(
  loan: { status: string; appliedOn: string; amountFen: number; approvedFen: number | null },
  d: { decision: string; decidedOn: string; approvedFen?: number | null },
  now: Date,
): Problem | null {
  if (!NEXT[loan.status]?.includes(d.decision)) {
    const message =
      loan.status === 'submitted'
        ? '尚未批准的申请不能登记放款'
        : loan.status === 'approved'
          ? '已批准的贷款只能登记放款'
          : '该申请已办结，不能再登记审批结果';
    return { path: 'decision', message };
  }
  if (d.decidedOn < loan.appliedOn) return { path: 'decidedOn', message: '审批日期不能早于申请日期' };
  if (d.decidedOn > shanghaiDate(now)) return { path: 'decidedOn', message: '审批日期不能晚于今天' };
  if (d.decision === 'approved') {
    if (!d.approvedFen) return { path: 'approvedFen', message: '请填写批准金额' };
    if (d.approvedFen > loan.amountFen) return { path: 'approvedFen', message: '批准金额不能超过申请金额' };
  }
  if (d.decision !== 'approved' && d.approvedFen) return { path: 'approvedFen', message: '只有批准时填写批准金额' };
  return null;
}
