import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../test/api';
import { buttonName, fill, renderWithProviders } from '../../../test/render';
import type { Penalty } from '../api';
import PenaltiesPage from './PenaltiesPage';

const penalty = (over: Partial<Penalty>): Penalty => ({
  id: 'p-1',
  caseId: 'c-1',
  employerId: 'e-1',
  employerName: '昆明处罚测试建筑有限公司',
  violationKind: 'wage_institutions',
  violationName: '未按规定设专用账户/实名制',
  penaltyKind: 'fine',
  penaltyName: '罚款',
  basisCode: 'wage_55',
  basisName: '《保障农民工工资支付条例》第五十五条（未开设专用账户、未存储工资保证金、未实行实名制管理等）',
  amountFen: 5_000_000,
  decisionNo: '五人社监罚〔2026〕1号',
  noticeNo: '五人社监告〔2026〕1号',
  noticedOn: '2026-03-02',
  hearingNotified: true,
  decidedOn: '2026-03-08',
  regionCode: '530102001',
  regionName: '华山街道',
  createdAt: '2026-03-08T02:00:00.000Z',
  ...over,
});

describe('PenaltiesPage', () => {
  it('lists the decisions with their basis, fine and notice, and filters by text', async () => {
    const net = mockApi({
      'GET /api/rights/penalties': {
        items: [
          penalty({}),
          penalty({
            id: 'p-2',
            penaltyKind: 'warning',
            penaltyName: '警告',
            amountFen: null,
            decisionNo: '五人社监罚〔2026〕2号',
            hearingNotified: false,
          }),
        ],
        total: 2,
        page: 1,
        pageSize: 20,
        finesFen: 5_000_000,
      },
    });
    const { user } = renderWithProviders(<PenaltiesPage />, { permissions: ['rights:read'] });
    expect(await screen.findByText('五人社监罚〔2026〕1号')).toBeInTheDocument();
    expect(screen.getByText('五人社监罚〔2026〕1号').closest('a')).toHaveAttribute('href', '/cases/c-1');
    expect(screen.getAllByText(/第五十五条/)).toHaveLength(2);
    expect(screen.getByText('50,000.00 元')).toBeInTheDocument();
    expect(screen.getByText(/含听证告知/)).toBeInTheDocument();
    expect(screen.getByText('共 2 件，罚款合计 50,000.00 元')).toBeInTheDocument();
    await fill(user, screen.getByPlaceholderText('决定书文号或用人单位'), '五人社监罚');
    await user.click(screen.getByRole('button', { name: buttonName('搜索') }));
    await waitFor(() =>
      expect(net.callsTo('GET /api/rights/penalties').some((c) => c.query.get('q') === '五人社监罚')).toBe(true),
    );
  });

  it('filters by region and opens the printable 决定书 and 告知书 in a new tab', async () => {
    const net = mockApi({
      'GET /api/rights/penalties': { items: [penalty({})], total: 1, page: 1, pageSize: 20, finesFen: 5_000_000 },
    });
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      const { user } = renderWithProviders(<PenaltiesPage />, { permissions: ['rights:read'] });
      expect(await screen.findByText('五人社监罚〔2026〕1号')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: buttonName('打印决定书') }));
      await user.click(screen.getByRole('button', { name: buttonName('打印告知书') }));
      expect(opened).toEqual([
        ['/api/rights/penalties/p-1/document', '_blank', 'noopener'],
        ['/api/rights/penalties/p-1/document?kind=notice', '_blank', 'noopener'],
      ]);
      // Without regions:read the region picker takes the code.
      await fill(user, screen.getByPlaceholderText('请输入行政区划代码'), '530102');
      await waitFor(() =>
        expect(net.callsTo('GET /api/rights/penalties').some((c) => c.query.get('regionCode') === '530102')).toBe(true),
      );
    } finally {
      window.open = open;
    }
  });
});
