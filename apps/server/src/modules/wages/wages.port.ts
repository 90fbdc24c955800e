import type { WageParams } from '@mwsp/domain';

/**
 * What other modules may ask of the wage module (工资支付监管): its current parameters — the local minimum wages
 * (最低工资标准: employment checks postings against them, arbitration's small-claims final-award rule counts 12
 * months of them) and the provincial criminal thresholds (拒不支付劳动报酬罪 数额较大: the rights module's transfer
 * to the police). Reached as `portOf<WagesPort>(p, 'warnings')`; the values are the editable settings.
 */
export interface WagesPort {
  params(): Promise<WageParams>;
}
