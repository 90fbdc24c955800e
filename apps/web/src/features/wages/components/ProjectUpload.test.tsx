import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { WageImportJob } from '../api';
import { uploadPayroll } from '../api';
import { mockApi, problem, type ApiCall } from '../../../test/api';
import { buttonName, renderWithProviders } from '../../../test/render';
import { ProjectUpload } from './ProjectUpload';

const job = (over: Partial<WageImportJob>): WageImportJob => ({
  id: 'job-1',
  kind: 'payroll',
  filename: '2025年3月工资表.xlsx',
  status: 'queued',
  totalRows: null,
  processedRows: 0,
  okRows: 0,
  errorRows: 0,
  createdRows: 0,
  updatedRows: 0,
  unchangedRows: 0,
  message: null,
  createdAt: '2025-04-01T00:00:00Z',
  createdByName: '张三',
  kindTitle: '工资表',
  encoding: null,
  format: 'xlsx',
  startedAt: null,
  finishedAt: null,
  retryable: false,
  ...over,
});

const xlsx = (name: string, bytes = 'x') => new File([bytes], name, { type: 'application/octet-stream' });

function renderUpload(onFinished = vi.fn()) {
  const view = renderWithProviders(
    <ProjectUpload
      projectId="p-1"
      kind="payroll"
      upload={(file) => uploadPayroll('p-1', file)}
      onFinished={onFinished}
      hint="每人每月一行，实发 = 应发 − 扣款"
    />,
  );
  // The drop zone's file input (hidden, as in every browser); a new one replaces it after each file.
  const fileInput = () => {
    const input = screen.getByTestId('upload-payroll-file').querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error('no file input');
    return input;
  };
  return { ...view, fileInput, onFinished };
}

describe('ProjectUpload: the wage sheet', () => {
  it('offers .xlsx and .csv and refuses another kind, an empty or an oversized file with a message', async () => {
    const net = mockApi();
    const { user, fileInput } = renderUpload();
    expect(fileInput()).toHaveAttribute('accept', '.xlsx,.csv');
    expect(screen.getByText('点击或将文件拖到此处上传工资表')).toBeInTheDocument();

    await user.upload(fileInput(), xlsx('工资表.pdf'));
    expect(await screen.findByText('上传失败')).toBeInTheDocument();
    expect(screen.getByText('不支持的文件类型：工资表.pdf。请上传 .xlsx 或 .csv 文件')).toBeInTheDocument();

    await user.upload(fileInput(), xlsx('工资表.xlsx', ''));
    expect(await screen.findByText('文件为空，请检查后重新上传')).toBeInTheDocument();

    const big = xlsx('工资表.CSV');
    Object.defineProperty(big, 'size', { value: 20 * 1024 * 1024 + 1 });
    await user.upload(fileInput(), big);
    expect(await screen.findByText('文件超过 20 MB，请拆分后分批上传')).toBeInTheDocument();
    expect(net.calls).toHaveLength(0);
  });

  it('uploads the file, shows the progress and then the rows that failed', async () => {
    let answerUpload: (r: Response) => void = () => undefined;
    let polls = 0;
    const net = mockApi({
      'POST /api/projects/p-1/payrolls': () => new Promise<Response>((resolve) => (answerUpload = resolve)),
      'GET /api/imports/job-1': () =>
        ++polls === 1
          ? job({ status: 'running', totalRows: 200, processedRows: 50, okRows: 50 })
          : job({ status: 'done', totalRows: 200, processedRows: 200, okRows: 198, createdRows: 198, errorRows: 2 }),
      'GET /api/imports/job-1/errors': {
        items: [
          {
            rowNo: 3,
            summary: '',
            errors: [
              { column: 'B', header: '身份证号码', message: '身份证号码校验码错误，请核对' },
              { column: 'F', header: '实发金额', message: '实发金额应等于应发减扣款' },
            ],
          },
          { rowNo: 9, summary: '', errors: [{ column: null, header: null, message: '与第 4 行重复' }] },
        ],
        total: 2,
        errorRows: 2,
        page: 1,
        pageSize: 10,
      },
    });
    const { user, fileInput, onFinished } = renderUpload();

    await user.upload(fileInput(), xlsx('2025年3月工资表.xlsx', 'PK'));
    expect(await screen.findByText('正在上传…')).toBeInTheDocument();
    const sent = net.callsTo('POST /api/projects/p-1/payrolls');
    expect(sent).toHaveLength(1);
    const file = (sent[0].body as FormData).get('file') as File;
    expect(file.name).toBe('2025年3月工资表.xlsx');

    answerUpload(new Response(JSON.stringify(job({})), { headers: { 'content-type': 'application/json' } }));
    expect(await screen.findByText('已提交“2025年3月工资表.xlsx”，正在导入')).toBeInTheDocument();
    expect(screen.queryByText('正在上传…')).not.toBeInTheDocument();

    const progress = await screen.findByTestId('import-progress');
    expect(await within(progress).findByText('50 / 200')).toBeInTheDocument();
    expect(within(progress).getByText('处理中')).toBeInTheDocument();

    // Polled every second until the job ends.
    expect(await screen.findByText('有 2 行未能导入', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(progress).getByText('已完成')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: buttonName('下载错误明细') })).toBeInTheDocument();
    const table = await screen.findByTestId('import-errors-table');
    expect(await within(table).findByText('第 3 行')).toBeInTheDocument();
    expect(within(table).getByText('身份证号码')).toBeInTheDocument();
    expect(within(table).getByText('身份证号码校验码错误，请核对')).toBeInTheDocument();
    expect(within(table).getByText('实发金额应等于应发减扣款')).toBeInTheDocument();
    expect(within(table).getByText('整行')).toBeInTheDocument();
    expect(within(table).getByText('与第 4 行重复')).toBeInTheDocument();
    await waitFor(() => expect(onFinished).toHaveBeenCalledTimes(1));
    expect(onFinished.mock.calls[0][0]).toMatchObject({ id: 'job-1', status: 'done', errorRows: 2 });
    expect(net.unhandled).toEqual([]);
  });

  it('shows the server refusal of a file with every reason', async () => {
    mockApi({
      'POST /api/projects/p-1/payrolls': (_call: ApiCall) =>
        problem(422, {
          code: 'BAD_FILE',
          detail: '文件内容无法解析',
          errors: [{ path: 'file', message: '第 1 行缺少表头“姓名”' }],
        }),
    });
    const { user, fileInput, onFinished } = renderUpload();
    await user.upload(fileInput(), xlsx('工资表.xlsx'));
    expect(await screen.findByText('文件内容无法解析；第 1 行缺少表头“姓名”')).toBeInTheDocument();
    expect(screen.queryByTestId('import-progress')).not.toBeInTheDocument();
    expect(onFinished).not.toHaveBeenCalled();
  });

  it('downloads the template under the server file name', async () => {
    // jsdom has no object URLs; this file's environment is its own, so they can stay.
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:template'), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const net = mockApi({
      'GET /api/imports/templates/payroll': new Response('PK', {
        headers: {
          'content-disposition': `attachment; filename*=UTF-8''%E5%B7%A5%E8%B5%84%E8%A1%A8%E6%A8%A1%E6%9D%BF.xlsx`,
        },
      }),
    });
    const { user } = renderUpload();
    await user.click(screen.getByRole('link', { name: buttonName('下载工资表模板') }));
    expect(await screen.findByText('已下载：工资表模板.xlsx')).toBeInTheDocument();
    expect(net.callsTo('GET /api/imports/templates/payroll')).toHaveLength(1);
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });
});
