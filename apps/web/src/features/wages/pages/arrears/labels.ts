import { ARREARS_PAYMENT_SOURCE_NAMES } from '@mwsp/domain';
import type { ArrearsPaymentSource } from '../../api';

/** Payment sources (names shared with the server, @mwsp/domain). */
export const paymentSourceLabels: Record<ArrearsPaymentSource, string> = ARREARS_PAYMENT_SOURCE_NAMES;

export const paymentSourceColors: Record<ArrearsPaymentSource, string> = {
  employer: 'green',
  contractor_advance: 'blue',
  client_advance: 'cyan',
  deposit: 'gold',
  emergency_fund: 'volcano',
  recovery: 'purple',
};

export const paymentSourceHints: Record<ArrearsPaymentSource, string> = {
  employer: '欠薪用人单位自行支付（含分包单位）',
  contractor_advance: '施工总承包单位依法先行清偿（条例第三十条）',
  client_advance: '建设单位未按约定拨付工程款导致欠薪的，以未结清工程款为限先行垫付（条例第二十九条）',
  deposit: '动用工资保证金支付，事后需责令施工总承包单位补足',
  emergency_fund: '政府应急周转金先行垫付，事后向责任单位追偿',
  recovery: '责任单位归还应急周转金垫付款（不计入工人到账）',
};

export const paymentSourceOptions = (Object.keys(paymentSourceLabels) as ArrearsPaymentSource[]).map((value) => ({
  value,
  label: paymentSourceLabels[value],
}));
