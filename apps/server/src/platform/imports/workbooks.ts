import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LISTS_SHEET } from './formats.js';
import { ERROR_COLUMN, isTextColumn, ROW_COLUMN, type ImportColumn, type ImportKind } from './kinds.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const REQUIRED_COLOR = 'FFC00000';

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function widthOf(c: ImportColumn): number {
  if (c.width) return c.width;
  if (isTextColumn(c)) return 22;
  return Math.max(12, [...c.header].length * 2 + 4);
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || '数据';
}

function headerNote(c: ImportColumn): string {
  const lines = [c.required ? '【必填】' : '【选填】'];
  if (c.note) lines.push(c.note);
  if (isTextColumn(c)) lines.push('本列为文本格式，请勿改为数字格式。');
  if (c.options?.length)
    lines.push(
      `${c.suggestOnly ? '常用值（也可直接填写）' : '可选值'}：` +
        (c.options.length > 20
          ? `${c.options.slice(0, 20).join('、')} 等 ${c.options.length} 项（见下拉列表）`
          : c.options.join('、')),
    );
  if (c.example) lines.push(`示例：${c.example}`);
  return lines.join('\n');
}

/**
 * The import template of a kind: Chinese headers (bold, frozen, required ones in red, each with a
 * note giving the rule and an example — an example *row* would be imported by whoever forgets to
 * delete it), column widths, drop-down lists (long ones from the hidden sheet '_lists'), text format
 * for ID/phone/bank-card columns, and a visible 填写说明 sheet after the data sheet.
 */
export async function writeTemplate(
  kind: ImportKind<unknown>,
  out: Writable,
  runtimeOptions: Record<string, string[]> = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '农民工服务管理平台';
  const ws = wb.addWorksheet(sheetName(kind.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  const lastRow = Math.min((kind.maxRows ?? 1_000_000) + 1, 1_048_576);
  let lists: ExcelJS.Worksheet | null = null;
  let listCol = 0;
  const columns = kind.columns.map((c) =>
    runtimeOptions[c.key]?.length ? { ...c, options: runtimeOptions[c.key] } : c,
  );
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = widthOf(c);
    if (isTextColumn(c)) col.numFmt = '@';
    const cell = ws.getRow(1).getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: c.required ? { argb: REQUIRED_COLOR } : undefined };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = headerNote(c);
    if (c.options?.length) {
      const inline = c.options.join(',');
      let formula: string;
      if (inline.length <= 250 && !c.options.some((o) => /[,"]/.test(o))) {
        formula = `"${inline}"`;
      } else {
        lists ??= wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
        listCol++;
        c.options.forEach((o, r) => {
          lists!.getRow(r + 1).getCell(listCol).value = o;
        });
        const L = colLetter(listCol);
        formula = `'${LISTS_SHEET}'!$${L}$1:$${L}$${c.options.length}`;
      }
      const L = colLetter(i + 1);
      // A range rule (one <dataValidation sqref="B2:B1000001">), not a rule per cell; exceljs's types omit it.
      (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${L}2:${L}${lastRow}`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [formula],
        ...(c.suggestOnly
          ? {
              showErrorMessage: false,
              showInputMessage: true,
              promptTitle: c.header,
              prompt: '可从下拉列表中选择，也可直接填写',
            }
          : {
              showErrorMessage: true,
              errorStyle: 'stop',
              errorTitle: '输入有误',
              error: `请从下拉列表中选择${c.header}`,
            }),
      });
    }
  });
  ws.getRow(1).height = 22;

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 18 }, { width: 10 }, { width: 60 }, { width: 24 }];
  help.addRow([`${kind.title} · 填写说明`]).font = { bold: true, size: 14 };
  help.addRow([
    `请在第一个工作表「${sheetName(kind.title)}」中从第 2 行起逐行填写，不要修改或删除表头，不要增加列；` +
      `红色表头为必填项。单次最多 ${(kind.maxRows ?? 1_000_000).toLocaleString('zh-CN')} 行。`,
  ]);
  help.addRow([]);
  const h = help.addRow(['列名', '是否必填', '填写要求', '示例']);
  h.font = { bold: true };
  h.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const c of columns) {
    const rules = [
      c.note,
      isTextColumn(c) ? '文本格式' : null,
      c.options?.length ? `可选值：${c.options.slice(0, 30).join('、')}${c.options.length > 30 ? ' 等' : ''}` : null,
    ]
      .filter(Boolean)
      .join('；');
    help.addRow([c.header, c.required ? '必填' : '选填', rules, c.example ?? '']);
  }
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  await wb.xlsx.write(out);
}

/** Characters XML 1.0 cannot carry (Excel would refuse the file). */
const XML_UNSAFE = new RegExp(
  [
    String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]`, // control characters, non-characters
    String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])`, // a high surrogate without its low half
    String.raw`(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`, // a low surrogate without its high half
  ].join('|'),
  'g',
);

/** Replaces what XML_UNSAFE matches with U+FFFD. */
function xmlSafe(v: string): string {
  return v.replace(XML_UNSAFE, '\uFFFD');
}

export interface ErrorRow {
  rowNo: number;
  cells: Record<string, string>;
  raw: Record<string, string>;
}

/** One line per message: "列名：说明", whole-row messages as they are. */
export function errorSummary(columns: ImportColumn[], cells: Record<string, string>): string {
  const headerOf = new Map(columns.map((c) => [c.key, c.header]));
  return Object.entries(cells)
    .map(([k, m]) => (k === '_row' || !headerOf.has(k) ? m : `${headerOf.get(k)}：${m}`))
    .join('；');
}

/**
 * The failed rows as a workbook (streamed with exceljs's WorkbookWriter): the original columns with
 * the values as uploaded, the bad cells filled light red with a note carrying the message, then
 * 错误说明 and 原行号 — columns the engine ignores, so the corrected file can be imported as it is.
 */
export async function writeErrorsWorkbook(
  columns: ImportColumn[],
  rows: AsyncIterable<ErrorRow>,
  out: Writable,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  const n = columns.length;
  ws.columns = [
    ...columns.map((c) => ({ width: widthOf(c), style: isTextColumn(c) ? { numFmt: '@' } : {} })),
    { width: 60 },
    { width: 8 },
  ];
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  for (const [i, h] of [ERROR_COLUMN, ROW_COLUMN].entries()) {
    const cell = header.getCell(n + 1 + i);
    cell.value = h;
    cell.font = { bold: true, color: { argb: REQUIRED_COLOR } };
    cell.fill = HEADER_FILL;
  }
  header.commit();
  let r = 2;
  for await (const e of rows) {
    const row = ws.getRow(r++);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = e.raw[c.key];
      if (v !== undefined && v !== '') cell.value = xmlSafe(v);
      const msg = e.cells[c.key];
      if (msg) {
        cell.fill = BAD_FILL;
        cell.note = msg;
      }
    });
    const summary = row.getCell(n + 1);
    summary.value = errorSummary(columns, e.cells);
    summary.font = { color: { argb: REQUIRED_COLOR } };
    row.getCell(n + 2).value = e.rowNo;
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
