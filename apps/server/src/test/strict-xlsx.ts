import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { entryChunks, readZipDirectory } from '../platform/imports/zip.js';

/**
 * A strict, offline check of an .xlsx as a strict OOXML consumer (Excel's repair prompt, Open XML
 * SDK validation, LibreOffice's strict import) sees it:
 *  - the ZIP container: central directory, every entry's size and CRC-32 (the repo's own zip reader);
 *  - every XML part well-formed, namespace-correct XML 1.0 (saxes, strict) — lone surrogates and
 *    control characters are refused here;
 *  - [Content_Types].xml: every part has a content type, every Override names an existing part;
 *  - every relationships part: unique Ids, every internal target exists; the package's officeDocument;
 *  - the SpreadsheetML enumerations a generator can get wrong (ECMA-376 Part 1, §18.18): e.g.
 *    dataValidation@errorStyle ∈ stop | warning | information; booleans, cell references, sqref;
 *  - sheet names (≤ 31 characters, none of []:*?/\, unique), list validations ≤ 255 characters.
 * Throws an Error naming every problem; returns the parts' texts for further assertions.
 */
export async function assertStrictXlsx(buffer: Buffer | Uint8Array | ArrayBuffer): Promise<Map<string, string>> {
  const buf = Buffer.isBuffer(buffer)
    ? buffer
    : Buffer.from(buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : buffer);
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'strict-xlsx-')), 'book.xlsx');
  fs.writeFileSync(tmp, buf);
  const problems: string[] = [];
  const parts = new Map<string, string>();
  try {
    const dir = await readZipDirectory(tmp);
    for (const [name, e] of dir.entries) {
      if (name.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const c of entryChunks(dir, e)) chunks.push(c);
      const bytes = Buffer.concat(chunks);
      if (/\.(xml|rels|vml)$/i.test(name)) {
        try {
          parts.set(name, new TextDecoder('utf-8', { fatal: true }).decode(bytes));
        } catch {
          problems.push(`${name}: not valid UTF-8`);
        }
      } else parts.set(name, bytes.toString('latin1'));
    }
  } catch (err) {
    throw new Error(`not a valid xlsx container: ${(err as Error).message}`);
  } finally {
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }

  const docs = new Map<string, XmlElement>();
  for (const [name, text] of parts) {
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    try {
      docs.set(name, parseStrict(text));
    } catch (err) {
      problems.push(`${name}: not well-formed XML: ${(err as Error).message}`);
    }
  }

  // ---- content types
  const ct = docs.get('[Content_Types].xml');
  if (!ct) problems.push('[Content_Types].xml missing');
  else {
    const defaults = new Map<string, string>();
    const overrides = new Map<string, string>();
    for (const e of ct.children) {
      if (e.local === 'Default') defaults.set((e.attrs.Extension ?? '').toLowerCase(), e.attrs.ContentType ?? '');
      else if (e.local === 'Override')
        overrides.set((e.attrs.PartName ?? '').replace(/^\//, ''), e.attrs.ContentType ?? '');
    }
    for (const p of overrides.keys())
      if (!parts.has(p)) problems.push(`[Content_Types].xml: Override for missing part /${p}`);
    for (const p of parts.keys()) {
      if (p === '[Content_Types].xml') continue;
      const ext = (/\.([^./]+)$/.exec(p)?.[1] ?? '').toLowerCase();
      if (!overrides.has(p) && !defaults.has(ext)) problems.push(`${p}: no content type`);
    }
  }

  // ---- relationships
  const rootRels = docs.get('_rels/.rels');
  if (!rootRels) problems.push('_rels/.rels missing');
  else if (!rootRels.children.some((r) => r.local === 'Relationship' && /\/officeDocument$/.test(r.attrs.Type ?? '')))
    problems.push('_rels/.rels: no officeDocument relationship');
  const targetsOf = new Map<string, Map<string, string>>();
  for (const [name, doc] of docs) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(name);
    if (!m) continue;
    const base = m[1];
    const ids = new Map<string, string>();
    for (const r of doc.children) {
      if (r.local !== 'Relationship') continue;
      const id = r.attrs.Id ?? '';
      if (!id || ids.has(id)) problems.push(`${name}: missing or duplicate relationship Id ${id}`);
      if (r.attrs.TargetMode === 'External') continue;
      const target = resolve(base, r.attrs.Target ?? '');
      ids.set(id, target);
      if (!parts.has(target)) problems.push(`${name}: relationship ${id} targets missing part ${target}`);
    }
    targetsOf.set(`${base}${m[2]}`, ids);
  }

  // ---- SpreadsheetML
  const wbRels = targetsOf.get('xl/workbook.xml');
  const wb = docs.get('xl/workbook.xml');
  if (!wb) problems.push('xl/workbook.xml missing');
  else {
    const names = new Set<string>();
    for (const s of wb.descendants('sheet')) {
      const n = s.attrs.name ?? '';
      if (!n || [...n].length > 31 || /[[\]:*?/\\]/.test(n) || /^'|'$/.test(n))
        problems.push(`workbook: bad sheet name "${n}"`);
      if (names.has(n.toLowerCase())) problems.push(`workbook: duplicate sheet name "${n}"`);
      names.add(n.toLowerCase());
      const rid = s.attrs['r:id'];
      if (!rid || !wbRels?.has(rid)) problems.push(`workbook: sheet "${n}" has no relationship ${rid}`);
    }
    if (names.size === 0) problems.push('workbook: no sheet');
  }
  for (const [name, doc] of docs) {
    if (!/^xl\/.*\.xml$/.test(name)) continue;
    for (const e of doc.descendants()) checkElement(name, e, problems);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) checkSheet(name, doc, problems);
  }
  if (problems.length) throw new Error(`strict OOXML check failed:\n  ${problems.slice(0, 50).join('\n  ')}`);
  return parts;
}

// ---------------------------------------------------------------- XML

interface XmlElement {
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  descendants(local?: string): XmlElement[];
}

function element(local: string, attrs: Record<string, string>): XmlElement {
  const e: XmlElement = {
    local,
    attrs,
    children: [],
    text: '',
    descendants(l?: string) {
      const out: XmlElement[] = [];
      const walk = (x: XmlElement) => {
        for (const c of x.children) {
          if (!l || c.local === l) out.push(c);
          walk(c);
        }
      };
      walk(e);
      return out;
    },
  };
  return e;
}

function parseStrict(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const root = element('#document', {});
  const stack: XmlElement[] = [root];
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(t.attributes)) attrs[k] = typeof a === 'string' ? a : a.value;
    const el = element(t.local ?? t.name, attrs);
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('text', (s) => {
    stack[stack.length - 1].text += s;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  if (error) throw error;
  if (root.children.length !== 1) throw new Error('no single root element');
  return root.children[0];
}

function resolve(base: string, target: string): string {
  const t = target.startsWith('/') ? target.slice(1) : base + target;
  const out: string[] = [];
  for (const p of t.split('/')) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

// ---------------------------------------------------------------- SpreadsheetML rules (ECMA-376 Part 1)

const BOOL = ['true', 'false', '1', '0'];
const ENUMS: Record<string, Record<string, string[]>> = {
  dataValidation: {
    type: ['none', 'whole', 'decimal', 'list', 'date', 'time', 'textLength', 'custom'],
    errorStyle: ['stop', 'warning', 'information'],
    operator: [
      'between',
      'notBetween',
      'equal',
      'notEqual',
      'lessThan',
      'lessThanOrEqual',
      'greaterThan',
      'greaterThanOrEqual',
    ],
    imeMode: [
      'noControl',
      'off',
      'on',
      'disabled',
      'hiragana',
      'fullKatakana',
      'halfKatakana',
      'fullAlpha',
      'halfAlpha',
      'fullHangul',
      'halfHangul',
    ],
    allowBlank: BOOL,
    showDropDown: BOOL,
    showInputMessage: BOOL,
    showErrorMessage: BOOL,
  },
  sheet: { state: ['visible', 'hidden', 'veryHidden'] },
  pane: { state: ['split', 'frozen', 'frozenSplit'], activePane: ['bottomRight', 'topRight', 'bottomLeft', 'topLeft'] },
  selection: { pane: ['bottomRight', 'topRight', 'bottomLeft', 'topLeft'] },
  sheetView: {
    view: ['normal', 'pageBreakPreview', 'pageLayout'],
    tabSelected: BOOL,
    showGridLines: BOOL,
    rightToLeft: BOOL,
    workbookViewId: [],
  },
  c: { t: ['b', 'd', 'e', 'n', 's', 'str', 'inlineStr'] },
  patternFill: {
    patternType: [
      'none',
      'solid',
      'mediumGray',
      'darkGray',
      'lightGray',
      'darkHorizontal',
      'darkVertical',
      'darkDown',
      'darkUp',
      'darkGrid',
      'darkTrellis',
      'lightHorizontal',
      'lightVertical',
      'lightDown',
      'lightUp',
      'lightGrid',
      'lightTrellis',
      'gray125',
      'gray0625',
    ],
  },
  alignment: {
    horizontal: ['general', 'left', 'center', 'right', 'fill', 'justify', 'centerContinuous', 'distributed'],
    vertical: ['top', 'center', 'bottom', 'justify', 'distributed'],
    wrapText: BOOL,
    shrinkToFit: BOOL,
  },
  col: { hidden: BOOL, customWidth: BOOL, bestFit: BOOL },
  row: { hidden: BOOL, customHeight: BOOL, customFormat: BOOL },
  u: { val: ['single', 'double', 'singleAccounting', 'doubleAccounting', 'none'] },
  b: { val: BOOL },
  i: { val: BOOL },
  strike: { val: BOOL },
  pageSetup: { orientation: ['default', 'portrait', 'landscape'] },
  left: { style: BORDER() },
  right: { style: BORDER() },
  top: { style: BORDER() },
  bottom: { style: BORDER() },
  diagonal: { style: BORDER() },
};
function BORDER(): string[] {
  return [
    'none',
    'thin',
    'medium',
    'dashed',
    'dotted',
    'thick',
    'double',
    'hair',
    'mediumDashed',
    'dashDot',
    'mediumDashDot',
    'dashDotDot',
    'mediumDashDotDot',
    'slantDashDot',
  ];
}
const CELL_REF = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/;
const SQREF = /^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?( [A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?)*$/;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function checkRef(where: string, ref: string, problems: string[]): void {
  const m = CELL_REF.exec(ref);
  if (!m || colNumber(m[1]) > 16384 || Number(m[2]) > 1_048_576) problems.push(`${where}: bad cell reference "${ref}"`);
}

function checkElement(part: string, e: XmlElement, problems: string[]): void {
  const rules = ENUMS[e.local];
  if (rules) {
    for (const [attr, allowed] of Object.entries(rules)) {
      const v = e.attrs[attr];
      if (v !== undefined && allowed.length && !allowed.includes(v))
        problems.push(`${part}: <${e.local} ${attr}="${v}">: allowed ${allowed.join(' | ')}`);
    }
  }
  if (e.local === 'dataValidation') {
    const sqref = e.attrs.sqref ?? '';
    if (!SQREF.test(sqref)) problems.push(`${part}: dataValidation sqref "${sqref}"`);
    else for (const r of sqref.split(/[ :]/)) checkRef(part, r, problems);
    const f1 = e.children.find((c) => c.local === 'formula1');
    if (e.attrs.type === 'list') {
      if (!f1) problems.push(`${part}: list validation without formula1`);
      else if (f1.text.startsWith('"') && f1.text.length - 2 > 255)
        problems.push(`${part}: list validation longer than 255 characters`);
    }
  }
  if (e.local === 'mergeCell' || e.local === 'hyperlink') {
    for (const r of (e.attrs.ref ?? '').split(':')) checkRef(part, r, problems);
  }
}

function checkSheet(part: string, doc: XmlElement, problems: string[]): void {
  // Element order of CT_Worksheet matters to strict readers.
  const ORDER = [
    'sheetPr',
    'dimension',
    'sheetViews',
    'sheetFormatPr',
    'cols',
    'sheetData',
    'sheetCalcPr',
    'sheetProtection',
    'protectedRanges',
    'scenarios',
    'autoFilter',
    'sortState',
    'dataConsolidate',
    'customSheetViews',
    'mergeCells',
    'phoneticPr',
    'conditionalFormatting',
    'dataValidations',
    'hyperlinks',
    'printOptions',
    'pageMargins',
    'pageSetup',
    'headerFooter',
    'rowBreaks',
    'colBreaks',
    'customProperties',
    'cellWatches',
    'ignoredErrors',
    'smartTags',
    'drawing',
    'legacyDrawing',
    'legacyDrawingHF',
    'drawingHF',
    'picture',
    'oleObjects',
    'controls',
    'webPublishItems',
    'tableParts',
    'extLst',
  ];
  let last = -1;
  for (const c of doc.children) {
    const i = ORDER.indexOf(c.local);
    if (i < 0) problems.push(`${part}: unknown worksheet element <${c.local}>`);
    else if (i < last) problems.push(`${part}: <${c.local}> out of order`);
    else last = i;
  }
  const data = doc.children.find((c) => c.local === 'sheetData');
  if (!data) {
    problems.push(`${part}: no sheetData`);
    return;
  }
  let prevRow = 0;
  for (const row of data.children) {
    const r = Number(row.attrs.r);
    if (row.attrs.r !== undefined && (!Number.isInteger(r) || r <= prevRow || r > 1_048_576))
      problems.push(`${part}: row r="${row.attrs.r}" out of order`);
    prevRow = r || prevRow + 1;
    let prevCol = 0;
    for (const c of row.children) {
      if (c.local !== 'c') continue;
      const ref = c.attrs.r;
      if (ref === undefined) continue;
      const m = CELL_REF.exec(ref);
      if (!m || Number(m[2]) !== prevRow) {
        problems.push(`${part}: cell ${ref} outside its row ${prevRow}`);
        continue;
      }
      const col = colNumber(m[1]);
      if (col <= prevCol) problems.push(`${part}: cell ${ref} out of order`);
      prevCol = col;
      const v = c.children.find((x) => x.local === 'v');
      if (c.attrs.t === 's' && v && !/^\d+$/.test(v.text))
        problems.push(`${part}: shared string index "${v.text}" in ${ref}`);
      if ((c.attrs.t === undefined || c.attrs.t === 'n') && v && v.text !== '' && !Number.isFinite(Number(v.text)))
        problems.push(`${part}: non-numeric value in numeric cell ${ref}`);
      const t =
        c.children
          .find((x) => x.local === 'is')
          ?.descendants('t')
          .map((x) => x.text)
          .join('') ??
        v?.text ??
        '';
      if ([...t].length > 32_767) problems.push(`${part}: cell ${ref} longer than 32,767 characters`);
    }
  }
}
