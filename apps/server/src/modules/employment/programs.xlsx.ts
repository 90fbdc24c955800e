import ExcelJS from 'exceljs';
import type { Principal } from '../../platform/access/principal.js';

/** Rows of one programme export at most. */
export const PROGRAM_EXPORT_CAP = 50_000;

/**
 * A one-sheet workbook of a programme list: the watermark (who exported it, when) in the first row and in the
 * print header, the column headers frozen under it.
 */
export async function watermarkedSheet(
  p: Principal,
  now: Date,
  title: string,
  header: string[],
  rows: (string | number | null)[][],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${p.displayName}（${p.username}）`;
  wb.created = now;
  const stamp = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'medium',
    hour12: false,
  }).format(now);
  const watermark = `导出人：${p.displayName}（${p.username}） 导出时间：${stamp} 仅限工作使用，严禁外传`;
  const ws = wb.addWorksheet(title.slice(0, 31), {
    headerFooter: { oddHeader: `&L${watermark}`, oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  ws.addRow([watermark]).font = { color: { argb: 'FFC00000' }, bold: true };
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
