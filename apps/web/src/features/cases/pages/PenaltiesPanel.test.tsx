import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../test/api';
import { buttonName, renderWithProviders } from '../../../test/render';
import { PenaltiesPanel } from './PenaltiesPanel';

describe('PenaltiesPanel', () => {
  it('opens the 行政处罚决定书 of a decision of the case in a new tab', async () => {
    mockApi({
      'GET /api/rights/penalties': {
        items: [
          {
            id: 'p-9',
            caseId: 'c-1',
            employerId: 'e-1',
            employerName: '昆明处罚测试建筑有限公司',
            violationKind: 'wage_arrears',
            violationName: '拖欠工资',
            penaltyKind: 'rectify',
            penaltyName: '责令改正',
            basisCode: 'lssr_26',
            basisName: '《劳动保障监察条例》第二十六条',
            amountFen: null,
            decisionNo: '五人社监罚〔2026〕9号',
            noticeNo: '五人社监告〔2026〕9号',
            noticedOn: '2026-03-02',
            hearingNotified: false,
            decidedOn: '2026-03-08',
            regionCode: '530102001',
            regionName: '华山街道',
            createdAt: '2026-03-08T02:00:00.000Z',
          },
        ],
        total: 1,
        page: 1,
        pageSize: 50,
        finesFen: 0,
      },
    });
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      const { user } = renderWithProviders(<PenaltiesPanel caseId="c-1" />, { permissions: ['rights:read'] });
      expect(await screen.findByText('五人社监罚〔2026〕9号')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: buttonName('打印决定书') }));
      expect(opened).toEqual([['/api/rights/penalties/p-9/document', '_blank', 'noopener']]);
    } finally {
      window.open = open;
    }
  });
});
