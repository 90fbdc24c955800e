/**
 * Browser test: a walk through the console for every built-in role's demo account — every menu
 * entry loads without an error message, without a 4xx/5xx API answer and without an endless
 * spinner, and each page's main flow works (search, a detail, a write where the role may, an export
 * where offered). Also: the worker export downloaded and opened (masked and in clear), the public
 * pages on a 360 px phone, the TOTP enrolment surviving a reload, and the client timeout.
 * One server for the file (demo mode, a small demo city). Screenshots of failures land in .tmp/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '../tools/test/e2e-global-setup';
import {
  BOOTSTRAP_PASSWORD,
  freshTotp,
  launchBrowser,
  NEW_PASSWORD,
  outDir,
  START_HOOK_MS,
  startServer,
  type RunningServer,
} from './support';

const STEP = 20_000;
let server: RunningServer;
let browser: Browser;
let baseUrl = '';

/** Everything a page did wrong while the walk was on it. */
interface Watch {
  apiErrors: string[];
  pageErrors: string[];
  inflight: Set<string>;
}

interface Session {
  context: BrowserContext;
  page: Page;
  watch: Watch;
  permissions: Set<string>;
  /** The user's region and the city's: a city-level user may change city-wide settings. */
  regionCode: string;
  cityCode: string;
  totpSecret?: string;
}

async function newSession(viewport = { width: 1366, height: 860 }): Promise<Session> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  const watch: Watch = { apiErrors: [], pageErrors: [], inflight: new Set() };
  page.on('pageerror', (e) => watch.pageErrors.push(String(e)));
  page.on('request', (r) => r.url().includes('/api/') && watch.inflight.add(r.url() + '#' + r.method()));
  const done = (r: { url: () => string; method: () => string }) => watch.inflight.delete(r.url() + '#' + r.method());
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (res: Response) => {
    const u = new URL(res.url());
    if (u.pathname.startsWith('/api/') && res.status() >= 400)
      watch.apiErrors.push(`${res.request().method()} ${u.pathname}${u.search} → ${res.status()}`);
  });
  return { context, page, watch, permissions: new Set(), regionCode: '', cityCode: '' };
}

async function guarded(name: string, s: Session, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    await s.page.screenshot({ path: path.join(outDir, `e2e-fail-walk-${name}.png`), fullPage: true }).catch(() => {});
    console.error(
      `---- ${name} failed at ${s.page.url()} ----\n` +
        `API errors: ${s.watch.apiErrors.join('\n') || '(none)'}\n` +
        `page errors: ${s.watch.pageErrors.join('\n') || '(none)'}\n` +
        `---- server stderr (tail) ----\n${server.stderr().slice(-3_000)}\n` +
        `---- last requests ----\n${server.recentRequests()}`,
    );
    throw err;
  }
}

const ERROR_UI =
  '.ant-message-error, .ant-notification-notice-error, .ant-result-error, ' +
  '.ant-result-403, .ant-result-404, .ant-result-500, .ant-alert-error';
const SPINNER = '.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading';

/** Waits until no API request is pending and no spinner turns for a moment; fails on an endless one. */
async function settle(s: Session, what: string, timeout = 25_000) {
  const deadline = Date.now() + timeout;
  let quietSince = 0;
  for (;;) {
    const busy = s.watch.inflight.size > 0 || (await s.page.locator(SPINNER).count()) > 0;
    if (!busy) {
      if (!quietSince) quietSince = Date.now();
      if (Date.now() - quietSince >= 400) return;
    } else quietSince = 0;
    if (Date.now() > deadline)
      throw new Error(
        `${what}: still loading after ${timeout / 1000} s ` +
          `(pending: ${[...s.watch.inflight].join(', ') || 'none'}; ` +
          `spinners: ${await s.page.locator(SPINNER).count()})`,
      );
    await s.page.waitForTimeout(150);
  }
}

/** No error message on screen, no failed API answer, no script error since the last check. */
async function expectClean(s: Session, what: string) {
  const errors = await s.page.locator(ERROR_UI).allTextContents();
  expect(
    errors.filter((t) => t.trim()),
    `${what}: error messages on screen`,
  ).toEqual([]);
  expect(s.watch.apiErrors, `${what}: failed API answers`).toEqual([]);
  expect(s.watch.pageErrors, `${what}: script errors`).toEqual([]);
}

function resetWatch(s: Session) {
  s.watch.apiErrors.length = 0;
  s.watch.pageErrors.length = 0;
}

const visible = (page: Page, testId: string, timeout = STEP) =>
  page.getByTestId(testId).first().waitFor({ state: 'visible', timeout });

async function readSecret(page: Page): Promise<string> {
  const el = page.getByTestId('totp-secret');
  await el.waitFor({ state: 'visible' });
  return ((await el.textContent()) ?? '').replace(/[^A-Za-z2-7]/g, '');
}

/**
 * First sign-in: forced password change, then the TOTP enrolment when the account needs one. `password`: the
 * initial password (the bootstrap one for the built-in accounts, the one-time one of a user made by sysadmin).
 */
async function firstSignIn(s: Session, username: string, opts: { checkReload?: boolean; password?: string } = {}) {
  const { page } = s;
  const initial = opts.password ?? BOOTSTRAP_PASSWORD;
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(initial);
  await page.getByTestId('login-submit').click();
  await visible(page, 'pwd-old');
  await page.getByTestId('pwd-old').fill(initial);
  await page.getByTestId('pwd-new').fill(NEW_PASSWORD);
  await page.getByTestId('pwd-confirm').fill(NEW_PASSWORD);
  await page.getByTestId('pwd-submit').click();
  await page.locator('[data-testid="totp-secret"], [data-testid="app-layout"]').first().waitFor({ state: 'visible' });
  if (await page.getByTestId('totp-secret').isVisible()) {
    let secret = await readSecret(page);
    if (opts.checkReload) {
      // Reloading the enrolment page shows the same secret (the one maybe already scanned) …
      await page.reload();
      expect(await readSecret(page)).toBe(secret);
      await visible(page, 'totp-pending-note');
      // … and 重新生成 (after its confirmation) replaces it.
      await page.getByTestId('totp-regenerate').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => readSecret(page), { timeout: STEP }).not.toBe(secret);
      secret = await readSecret(page);
    }
    s.totpSecret = secret;
    await page.getByTestId('totp-code').fill(await freshTotp(secret));
    await page.getByTestId('totp-submit').click();
  }
  await visible(page, 'app-layout');
  await visible(page, 'home-welcome');
  const me = await page.evaluate(async () => ({
    ...((await (await fetch('/api/auth/me')).json()) as { user: { permissions: string[]; regionCode: string } }),
    info: (await (await fetch('/api/system/info')).json()) as { city: { code: string } },
  }));
  s.permissions = new Set(me.user.permissions);
  s.regionCode = me.user.regionCode;
  s.cityCode = me.info.city.code;
}

/** The menu's leaf entries (every submenu opened): path and label. */
/** A later sign-in of an account whose walk already changed its password to NEW_PASSWORD; waits for the layout. */
async function signInAgain(s: Session, username: string) {
  const { page } = s;
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(NEW_PASSWORD);
  await page.getByTestId('login-submit').click();
  await visible(page, 'app-layout');
}

async function menuEntries(page: Page): Promise<{ path: string; label: string }[]> {
  const menu = page.getByTestId('app-menu');
  await menu.waitFor({ state: 'visible' });
  const closed = menu.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
  for (let i = 0; i < 10 && (await closed.count()) > 0; i++) {
    await closed.first().click();
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(300);
  const items = await menu
    .locator('li.ant-menu-item')
    .evaluateAll((lis) =>
      lis.map((li) => ({ id: li.getAttribute('data-menu-id') ?? '', label: (li.textContent ?? '').trim() })),
    );
  return items.map((i) => ({ path: i.id.slice(i.id.indexOf('-/') + 1), label: i.label }));
}

async function openFromMenu(s: Session, entry: { path: string; label: string }) {
  const item = s.page.getByTestId('app-menu').locator('li.ant-menu-item').filter({ hasText: entry.label }).first();
  if (!(await item.isVisible())) await menuEntries(s.page); // a submenu closed meanwhile
  await item.click();
  await expect.poll(() => new URL(s.page.url()).pathname, { timeout: STEP }).toBe(entry.path);
}

async function downloadExport(s: Session, mode: 'masked' | 'clear'): Promise<ExcelJS.Worksheet> {
  const { page } = s;
  await page.getByRole('button', { name: /导出/ }).first().click();
  const modal = page.locator('.ant-modal').filter({ hasText: '导出务工人员' });
  await modal.waitFor({ state: 'visible' });
  if (mode === 'clear') {
    // The radio sometimes misses a click that lands while the modal is still zooming in (seen once
    // in CI on a loaded machine): check it by its role, which verifies the state, and retry.
    const clear = modal.getByRole('radio', { name: '明文导出（含完整个人信息）' });
    const purpose = modal.locator('textarea');
    for (let attempt = 1; ; attempt++) {
      await clear.check();
      const shown = await purpose
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt === 3) throw new Error('用途说明 did not appear after choosing 明文导出 three times');
      console.warn(`clear export: the purpose field did not appear (attempt ${attempt}), choosing again`);
    }
    await purpose.fill('核对欠薪台账人员名单');
  }
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await modal.getByRole('button', { name: /导\s*出/ }).click();
  const download = await downloading;
  const file = await download.path();
  expect(file, 'the export was saved').toBeTruthy();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(ws.getRow(2).values, 'header row').toEqual(expect.arrayContaining(['姓名', '公民身份号码', '手机号码']));
  expect(ws.rowCount, 'rows below the header').toBeGreaterThan(2);
  return ws;
}

function idColumn(ws: ExcelJS.Worksheet): string[] {
  return (ws.getColumn(2).values as unknown[]).slice(3).map((v) => String(v ?? ''));
}

/** Closes what a flow left open (drawers, modals) so the menu is reachable again. */
async function closeOverlays(page: Page) {
  for (let i = 0; i < 4; i++) {
    const close = page
      .locator('.ant-drawer-open .ant-drawer-close:visible, .ant-modal-wrap:visible .ant-modal-close:visible')
      .first();
    if ((await close.count()) === 0) return;
    await close.click();
    await page.waitForTimeout(300);
  }
}

/** The first table row of a page; opens it (the list's detail view). */
async function openFirstRow(s: Session, tableTestId: string, detailTestId: string | null, column = 1) {
  const row = s.page.getByTestId(tableTestId).locator('tbody tr.ant-table-row').first();
  await row.waitFor({ state: 'visible' });
  await row.locator('td').nth(column).click();
  if (detailTestId) await visible(s.page, detailTestId);
  else
    await s.page
      .locator('.ant-drawer-open, .ant-modal-wrap:not([style*="display: none"])')
      .first()
      .waitFor({ state: 'visible' });
}

/** Main flow of each page, given what the role may do. Returns what was exercised (for the log). */
async function pageFlow(s: Session, pathname: string, username: string): Promise<string> {
  const { page, permissions: can } = s;
  switch (pathname) {
    case '/':
      await visible(page, 'home-welcome');
      return 'home';
    case '/workers': {
      const table = page.getByTestId('workers-table');
      const first = table.locator('tbody tr.ant-table-row').first();
      await first.waitFor({ state: 'visible' });
      const name = ((await first.locator('td').first().textContent()) ?? '').trim();
      await page.getByPlaceholder('按姓名搜索').fill(name.slice(0, 1));
      await page.getByPlaceholder('按姓名搜索').press('Enter');
      await settle(s, 'worker search');
      await expect
        .poll(
          async () => (await table.locator('tbody tr.ant-table-row').first().locator('td').first().textContent()) ?? '',
          { timeout: STEP },
        )
        .toContain(name.slice(0, 1));
      let done = 'search';
      if (can.has('registry:export')) {
        const clear = can.has('pii:export');
        const ws = await downloadExport(s, clear ? 'clear' : 'masked');
        const ids = idColumn(ws);
        if (clear)
          expect(
            ids.every((v) => /^\d{17}[\dX]$/.test(v)),
            `clear IDs: ${ids.slice(0, 3)}`,
          ).toBe(true);
        else
          expect(
            ids.every((v) => /^\d{6}\*{8}[\dX]{4}$/.test(v)),
            `masked IDs: ${ids.slice(0, 3)}`,
          ).toBe(true);
        done += `, export (${clear ? 'clear' : 'masked'}, ${ids.length} rows)`;
        if (clear) {
          // The reviewer may also export masked: the same filters, masked numbers.
          const masked = idColumn(await downloadExport(s, 'masked'));
          expect(masked.every((v) => /^\d{6}\*{8}[\dX]{4}$/.test(v))).toBe(true);
        }
        await settle(s, 'export');
      }
      await openFirstRow(s, 'workers-table', 'worker-profile', 0);
      done += ', detail';
      if (can.has('registry:write') && !can.has('pii:unmask')) {
        // The residence picker (≈1,900 regions of the city) finds a township by typing its name.
        await page.goto(`${baseUrl}/workers/new`);
        const residence = page.locator('#residenceRegionCode');
        await residence.waitFor({ state: 'visible' });
        await residence.click();
        await residence.fill('华山');
        const option = page.locator('.ant-select-tree-treenode').filter({ hasText: '五华区华山街道' }).first();
        await option.waitFor({ state: 'visible' });
        await option.click();
        await expect
          .poll(async () => (await page.locator('.ant-select-selection-item').allTextContents()).join('|'), {
            timeout: STEP,
          })
          .toContain('华山街道');
        done += ', region search';
      }
      if (can.has('pii:unmask')) {
        await page.getByTestId('worker-unmask').click();
        await page.getByTestId('unmask-purpose').fill('核对欠薪台账身份信息');
        await page.getByTestId('unmask-confirm').click();
        await expect
          .poll(async () => (await page.getByTestId('unmask-result').textContent()) ?? '', { timeout: STEP })
          .toMatch(/\d{17}[\dX]/);
        done += ', unmask (write)';
        await closeOverlays(page);
      }
      return done;
    }
    case '/employers':
      await openFirstRow(s, 'employers-table', null, 0);
      await closeOverlays(page);
      return 'detail';
    case '/imports':
      await visible(page, 'import-kind');
      return 'templates';
    case '/wages-dashboard': {
      await visible(page, 'wages-dashboard');
      await visible(page, 'kpi-red');
      expect(await page.locator('[data-testid="wages-dashboard"] canvas').count()).toBeGreaterThan(0);
      // Drill down one level where the region has children with projects (a township has none).
      const drill = page.locator('[data-testid^="drill-"]').first();
      if ((await drill.count()) > 0) {
        const crumbs = await page.getByTestId('dashboard-breadcrumb').locator('.ant-breadcrumb-link, li').count();
        await drill.click();
        await settle(s, 'dashboard drill-down');
        await expect
          .poll(() => page.getByTestId('dashboard-breadcrumb').locator('.ant-breadcrumb-link, li').count(), {
            timeout: STEP,
          })
          .toBeGreaterThan(crumbs);
        return 'dashboard, drill-down';
      }
      return 'dashboard';
    }
    case '/projects': {
      // The small demo city (8 projects) leaves some townships without any.
      if ((await page.getByTestId('projects-table').locator('tbody tr.ant-table-row').count()) === 0)
        return 'list (none in this region)';
      const firstName = (
        (await page
          .getByTestId('projects-table')
          .locator('tbody tr.ant-table-row')
          .first()
          .locator('td')
          .first()
          .textContent()) ?? ''
      ).trim();
      await page.getByPlaceholder('项目名称或编号').fill(firstName.slice(0, 4));
      await page.getByPlaceholder('项目名称或编号').press('Enter');
      await settle(s, 'project search');
      await expect
        .poll(
          async () =>
            (await page.getByTestId('projects-table').locator('tbody tr.ant-table-row').first().textContent()) ?? '',
          { timeout: STEP },
        )
        .toContain(firstName.slice(0, 4));
      await openFirstRow(s, 'projects-table', 'project-header', 0);
      return 'search, detail';
    }
    case '/warnings': {
      if ((await page.getByTestId('warnings-table').locator('tbody tr.ant-table-row').count()) === 0)
        return 'list (none in this region)';
      await openFirstRow(s, 'warnings-table', 'warning-detail');
      if (can.has('warnings:handle') && (await page.getByTestId('warning-act').isVisible())) {
        await page.getByTestId('warning-act').click();
        await page.getByTestId('warning-act-note').fill(`${username} 巡检：已联系项目核实`);
        await page.getByTestId('warning-act-ok').click();
        await expect
          .poll(async () => (await page.getByTestId('warning-timeline').textContent()) ?? '', { timeout: STEP })
          .toContain(`${username} 巡检`);
        return 'detail, act (write)';
      }
      return 'detail';
    }
    case '/arrears': {
      const rows = page.getByTestId('arrears-table').locator('tbody tr.ant-table-row');
      if ((await rows.count()) > 0) {
        await openFirstRow(s, 'arrears-table', 'arrears-detail');
        return 'detail';
      }
      return 'list (no cases)';
    }
    case '/defaulters':
      await visible(page, 'defaulters-table');
      return 'list';
    case '/regions':
      await page.locator('.ant-tree-treenode:not([aria-hidden="true"])').first().waitFor({ state: 'visible' });
      return 'tree';
    case '/departments': {
      // The 2018 reform: the old name finds the successor, shown with its 原名.
      await page.getByPlaceholder(/搜索部门名称/).fill('工商行政管理局');
      await page.getByPlaceholder(/搜索部门名称/).press('Enter');
      await settle(s, 'department search');
      const row = page.locator('tbody tr.ant-table-row').first();
      await expect.poll(async () => (await row.textContent()) ?? '', { timeout: STEP }).toContain('市场监督管理局');
      expect(await row.getByTestId('department-former-names').textContent()).toContain('原名：市工商行政管理局');
      if (can.has('departments:write')) {
        await row.getByRole('button', { name: '编辑' }).click();
        const modal = page.locator('.ant-modal').filter({ hasText: '部门' });
        await modal.locator('textarea').fill('e2e 巡检：机构改革后名称已更新');
        await modal.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
        await page.locator('.ant-message-success').first().waitFor({ state: 'visible' });
        return 'search by 原名, edit (write)';
      }
      return 'search by 原名';
    }
    case '/users': {
      const rows = page.locator('tbody tr.ant-table-row');
      await rows.first().waitFor({ state: 'visible' });
      return 'list';
    }
    case '/roles': {
      await page.locator('tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
      if (!can.has('roles:write')) return 'list';
      await page.getByRole('button', { name: /新建角色/ }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '角色编码' });
      await modal.locator('#code').fill('e2e_inspector');
      await modal.locator('#name').fill('巡检员（e2e）');
      await modal.locator('.ant-checkbox-wrapper').filter({ hasText: '查询务工人员与用工单位' }).first().click();
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-message-success').first().waitFor({ state: 'visible' });
      await page.getByPlaceholder('按角色名称或编码筛选').fill('巡检员');
      await expect
        .poll(async () => (await page.locator('tbody tr.ant-table-row').first().textContent()) ?? '', { timeout: STEP })
        .toContain('巡检员（e2e）');
      return 'create role (write), filter';
    }
    case '/audit': {
      const rows = page.locator('tbody tr.ant-table-row');
      await rows.first().waitFor({ state: 'visible' });
      // Filter by the Chinese name of an action.
      await page.getByTestId('audit-action-filter').click();
      await page.keyboard.type('绑定动态口令');
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^绑定动态口令$/ })
        .first()
        .click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await settle(s, 'audit filter');
      const actions = await page.getByTestId('audit-action').allTextContents();
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(['绑定动态口令']));
      await page.getByRole('button', { name: /重\s*置/ }).click();
      await settle(s, 'audit reset');
      // No action code, no raw JSON: Chinese names and key/value details.
      const all = await page.getByTestId('audit-action').allTextContents();
      for (const a of all) expect(a, 'an action shown by its code').not.toMatch(/^[a-z_]+\.[a-z_]+$/);
      // The first row that has a detail: rows without one (e.g. 绑定动态口令, just done by sign-in) carry a hidden,
      // "spaced" icon, and which entry is newest depends on timing.
      await page
        .locator('tbody tr.ant-table-row .ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)')
        .first()
        .click();
      const detail = page.getByTestId('audit-detail').first();
      await detail.waitFor({ state: 'visible' });
      expect((await detail.textContent()) ?? '').not.toMatch(/[{}"]/);
      await page.getByTestId('audit-verify').click();
      await expect
        .poll(async () => (await page.getByTestId('audit-verify-result').textContent()) ?? '', { timeout: 30_000 })
        .toContain('审计链完整');
      return 'filter by action name, detail, verify';
    }
    case '/calendar':
      await page.locator('.ant-picker-calendar, .ant-table, .ant-card').first().waitFor({ state: 'visible' });
      return 'view';
    case '/account': {
      // The tags come with the account's answer: wait for all of them (counting at once raced it, seen under load).
      await expect
        .poll(() => page.getByTestId('account-permission').count(), { timeout: STEP })
        .toBe(s.permissions.size);
      const tags = await page.getByTestId('account-permission').allTextContents();
      for (const t of tags) expect(t, 'a raw permission key').not.toMatch(/^[a-z_]+:[a-z_]+$/);
      return 'permissions by name';
    }
    case '/penalties':
      return penaltiesFlow(s);
    case '/training/subsidies':
      return subsidyRulesFlow(s);
    case '/training/targets':
      return targetsFlow(s);
    case '/programs/campaigns':
      return campaignWeightsFlow(s);
    default:
      return 'load';
  }
}

/** A two-character button label (antd puts a space between the two characters). */
const label2 = (w: string) => new RegExp(`^${w[0]}\\s*${w[1]}$`);

/**
 * Waits for the page titled `title` and its data: the previous page stays on screen while a lazy page's code
 * loads (not an API request, so `settle` alone does not see it), and its table must not be taken for this one's.
 */
async function onPage(s: Session, title: string) {
  await s.page
    .locator('.ant-card-head-title')
    .filter({ hasText: new RegExp(`^${title}$`) })
    .first()
    .waitFor();
  await settle(s, title);
}

/** The rows of the table on the visible tab (or of the page's only table). */
const tableRows = (page: Page) => page.locator('.ant-table-wrapper:visible').first().locator('tbody tr.ant-table-row');

/** The rows of the table of the page titled `title` once it is there; null when it has none (in this region). */
async function pageRows(s: Session, title: string) {
  await onPage(s, title);
  const rows = tableRows(s.page);
  return (await rows.count()) > 0 ? rows : null;
}

/** 行政处罚: the decisions in the user's scope (demo: two, on demo projects' contractors), printed in a new tab. */
async function penaltiesFlow(s: Session): Promise<string> {
  const { page } = s;
  const rows = await pageRows(s, '行政处罚');
  if (!rows) return 'list (none in this region)';
  const first = rows.first();
  const decisionNo = ((await first.locator('td').first().textContent()) ?? '').trim();
  expect(decisionNo, 'a demo decision number').toMatch(/^人社监罚〔\d{4}〕\d+号/);
  expect(await page.locator('.ant-pagination-total-text').textContent()).toMatch(/^共 \d+ 件，罚款合计 /);
  // 打印决定书 opens the printable decision in a new tab.
  const opening = page.context().waitForEvent('page', { timeout: STEP });
  await first.getByRole('button', { name: '打印决定书' }).click();
  const doc = await opening;
  try {
    await doc.waitForLoadState('load');
    expect(((await doc.locator('h1').first().textContent()) ?? '').trim()).toBe('行政处罚决定书');
    expect(await doc.locator('body').textContent()).toContain(decisionNo);
  } finally {
    await doc.close();
  }
  return 'list, print 决定书';
}

/** 补贴标准 (a tab of 培训补贴): the demo standards; a city-level `training:rules` holder edits, stops, restarts one. */
async function subsidyRulesFlow(s: Session): Promise<string> {
  const { page, permissions: can } = s;
  await onPage(s, '培训补贴');
  await page.getByRole('tab', { name: '补贴标准' }).click();
  const rows = page.locator('.ant-tabs-tabpane-active tbody tr.ant-table-row');
  await rows.first().waitFor({ state: 'visible' });
  const names = (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim());
  expect(names).toEqual(expect.arrayContaining(['就业技能培训补贴', '安全生产和新市民培训补贴']));
  if (!can.has('training:rules')) return '补贴标准 (read)';
  const row = rows.filter({ hasText: '安全生产和新市民培训补贴' }).first();
  // 修改: the modal opens on the standard, the new amount shows in the table.
  await row.getByRole('button', { name: label2('修改') }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: '修改补贴标准：安全生产和新市民培训补贴' });
  await modal.waitFor({ state: 'visible' });
  await modal.locator('#amount').fill('320');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  await page.locator('.ant-message-success').filter({ hasText: '已修改补贴标准' }).first().waitFor();
  await expect.poll(async () => (await row.textContent()) ?? '', { timeout: STEP }).toContain('320.00');
  // 停用, then 启用, each after its confirmation.
  for (const [action, tag] of [
    ['停用', '停用'],
    ['启用', '启用'],
  ] as const) {
    await row.getByRole('button', { name: label2(action) }).click();
    const confirm = page
      .locator('.ant-modal-confirm')
      .filter({ hasText: `${action}补贴标准“安全生产和新市民培训补贴”？` });
    await confirm.waitFor({ state: 'visible' });
    await confirm.getByRole('button', { name: label2(action) }).click();
    await page
      .locator('.ant-message-success')
      .filter({ hasText: `已${action}` })
      .first()
      .waitFor();
    await expect
      .poll(async () => (await row.locator('.ant-tag').last().textContent()) ?? '', { timeout: STEP })
      .toBe(tag);
  }
  return '补贴标准: edit, stop, restart (write)';
}

/** 培训目标: this year's demo targets (the city's and three counties') with their charts; a reviewer sets one. */
async function targetsFlow(s: Session): Promise<string> {
  const { page, permissions: can } = s;
  const rows = await pageRows(s, '培训目标');
  if (!rows) return 'list (no target in this region)';
  await expect.poll(() => page.locator('.ant-card canvas').count(), { timeout: STEP }).toBeGreaterThanOrEqual(2);
  for (const title of ['各地区目标与完成', '逐月累计结业人次']) await page.getByText(title).first().waitFor();
  expect(await rows.first().locator('.ant-progress-text').textContent()).toMatch(/^\d+(\.\d)?%$/);
  if (!can.has('training:approve')) return 'charts, progress';
  // 设定目标 for the reviewer's own region: the row shows the new figure.
  const regionName = await page.evaluate(async (code) => {
    const r = (await (await fetch(`/api/regions/${code}`)).json()) as { name: string };
    return r.name;
  }, s.regionCode);
  await page.getByRole('button', { name: '设定目标' }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: '设定培训目标' });
  await modal.waitFor({ state: 'visible' });
  const region = modal.locator('#regionCode');
  await region.click();
  await region.fill(regionName);
  await page
    .locator('.ant-select-tree-treenode')
    .filter({ hasText: new RegExp(`${regionName}$`) })
    .first()
    .click();
  await modal.locator('#personTimes').fill('777');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  await modal.waitFor({ state: 'hidden' });
  await expect
    .poll(async () => (await rows.filter({ hasText: regionName }).allTextContents()).join('|'), { timeout: STEP })
    .toContain('777');
  return 'charts, progress, set a target (write)';
}

/** 招聘活动: a campaign's drawer shows its 人岗匹配权重; a city-level officer changes one and restores the default. */
async function campaignWeightsFlow(s: Session): Promise<string> {
  const { page, permissions: can } = s;
  const rows = await pageRows(s, '招聘活动');
  if (!rows) return 'list (none in this region)';
  await rows.first().locator('td').first().locator('a').click();
  const card = page.locator('.ant-drawer-open .ant-card').filter({ hasText: '人岗匹配权重' });
  await card.waitFor({ state: 'visible' });
  await expect.poll(async () => (await card.textContent()) ?? '', { timeout: STEP }).toContain('工种相似度');
  for (const label of ['技能与证书', '距离', '工资', '发布时间']) expect(await card.textContent()).toContain(label);
  const tag = card.locator('.ant-card-head .ant-tag');
  expect(await tag.textContent()).toBe('默认权重');
  const save = card.getByRole('button', { name: '保存权重' });
  if (!can.has('employment:handle') || s.regionCode !== s.cityCode || !(await save.isVisible()))
    return 'drawer: 人岗匹配权重 (read)';
  const first = card.locator('input').first();
  await first.fill('12');
  await save.click();
  await page.locator('.ant-message-success').filter({ hasText: '匹配权重已保存' }).first().waitFor();
  await expect.poll(() => tag.textContent(), { timeout: STEP }).toBe('本活动单独设置');
  await card.getByRole('button', { name: '恢复默认' }).click();
  await page.locator('.ant-message-success').filter({ hasText: '已恢复默认权重' }).first().waitFor();
  await expect.poll(() => tag.textContent(), { timeout: STEP }).toBe('默认权重');
  return 'drawer: 人岗匹配权重, save and restore (write)';
}

const walkLog: string[] = [];
let lookupWorker: { projectCode: string; idNumber: string; name: string } | undefined;
/**
 * 市级业务管理员 (city_admin) has no demo account: sysadmin creates one after its walk, secadmin grants the role
 * after its own (三员分立), and the account is walked like the others (补贴标准 is edited by this role only).
 */
const CITY_ADMIN = 'e2e_cityadmin';
let cityAdmin: { id: string; initialPassword: string } | undefined;

async function walk(username: string, opts: { checkReload?: boolean; password?: string } = {}) {
  const s = await newSession();
  try {
    await guarded(username, s, async () => {
      await firstSignIn(s, username, opts);
      const entries = await menuEntries(s.page);
      expect(entries.length).toBeGreaterThan(1);
      for (const entry of entries) {
        resetWatch(s);
        await openFromMenu(s, entry);
        await settle(s, `${username} ${entry.label}`);
        await expectClean(s, `${username} ${entry.label} (${entry.path})`);
        const what = await pageFlow(s, entry.path, username);
        await settle(s, `${username} ${entry.label} after its flow`);
        await closeOverlays(s.page);
        await expectClean(s, `${username} ${entry.label} (${entry.path}) after: ${what}`);
        walkLog.push(`${username.padEnd(14)} ${entry.label.padEnd(6, '　')} ${what}`);
      }
      if (s.permissions.has('pii:unmask') && s.permissions.has('wages:read'))
        lookupWorker = await findLookupWorker(s.page);
      if (username === 'sysadmin') cityAdmin = await createUser(s.page, CITY_ADMIN, '市级业务管理员（e2e）');
      if (username === 'secadmin') await grantRole(s.page, cityAdmin?.id, 'city_admin');
    });
  } finally {
    await s.context.close();
  }
}

describe('console walk-through per role (e2e)', () => {
  beforeAll(async () => {
    const buildError = inject('webBuildError');
    if (buildError) throw new Error(buildError);
    server = await startServer();
    baseUrl = server.baseUrl;
    browser = await launchBrowser();
  }, START_HOOK_MS);

  afterAll(async () => {
    if (walkLog.length) console.log(`---- console walk-through ----\n${walkLog.join('\n')}`);
    await browser?.close().catch(() => {});
    await server?.stop();
  }, 30_000);

  it('sysadmin', () => walk('sysadmin'), 240_000);
  it(
    'secadmin (the TOTP enrolment survives a reload; 重新生成 replaces it)',
    () => walk('secadmin', { checkReload: true }),
    240_000,
  );
  it('city_admin (made by sysadmin, granted by secadmin): 补贴标准 edited, stopped and restarted', () => {
    expect(cityAdmin, 'created in the sysadmin walk').toBeTruthy();
    return walk(CITY_ADMIN, { password: cityAdmin!.initialPassword });
  }, 240_000);
  it('demo_leader', () => walk('demo_leader'), 240_000);
  it('demo_county', () => walk('demo_county'), 240_000);
  it('demo_township', () => walk('demo_township'), 240_000);
  it('demo_trainer (培训审核员: sets a training target)', () => walk('demo_trainer'), 240_000);
  it('demo_reviewer (pii_reviewer with TOTP: clear export and unmask)', () => walk('demo_reviewer'), 240_000);
  it('auditor (after the others: their actions are in the log)', () => walk('auditor'), 240_000);

  // Defect 9 of issue #8: a city-wide account's dashboard opened on the first township (华山街道)
  // instead of the city; it opens on the caller's own region now.
  it('demo_leader: the dashboard opens on the city (defect 9)', async () => {
    const s = await newSession();
    try {
      const { page } = s;
      await signInAgain(s, 'demo_leader');
      await page.goto(`${baseUrl}/wages-dashboard`);
      await visible(page, 'kpi-red');
      const title = (await page.getByTestId('wages-dashboard').locator('h1, h2, h3, h4').first().textContent()) ?? '';
      expect(title).toContain('昆明市');
      expect(title).not.toMatch(/街道|镇|乡/);
    } finally {
      await s.context.close();
    }
  }, 60_000);

  // A detail page's fallback (components/DetailFallback.tsx): an id that does not exist — or is out of the
  // caller's scope, which the server answers alike — says so, offers no retry, and leads back to the list.
  it('demo_county: a project or worker that does not exist says so and leads back to the list', async () => {
    const s = await newSession();
    try {
      const { page } = s;
      await signInAgain(s, 'demo_county');
      const nobody = '00000000-0000-4000-8000-000000000000';
      await page.goto(`${baseUrl}/projects/${nobody}`);
      await expect.poll(() => page.getByText('该项目不存在或不在您的管辖范围内').count(), { timeout: 20_000 }).toBe(1);
      expect(await page.getByText('项目不存在', { exact: true }).count()).toBe(1);
      expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
      await page.getByRole('button', { name: /返回列表/ }).click();
      await page.waitForURL(/\/projects(\?|$)/);
      await page.goto(`${baseUrl}/workers/${nobody}`);
      await expect
        .poll(() => page.getByText('该务工人员档案不存在或不在您的管辖范围内').count(), { timeout: 20_000 })
        .toBe(1);
      await page.screenshot({ path: path.join(outDir, 'detail-not-found.png') });
    } finally {
      await s.context.close();
    }
  }, 60_000);

  it('public pages: /public is a landing page, and nothing overflows a 360 px phone', async () => {
    const s = await newSession({ width: 360, height: 740 });
    try {
      await guarded('public', s, async () => {
        const { page } = s;
        const fits = async (what: string) => {
          await settle(s, what);
          const w = await page.evaluate(() =>
            Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
          );
          expect(w, `${what}: page width at 360 px`).toBeLessThanOrEqual(360);
        };
        await page.goto(`${baseUrl}/public`);
        await visible(page, 'public-home', 10_000);
        await fits('/public');
        await page.getByTestId('public-home-defaulters').click();
        await visible(page, 'public-defaulters-table');
        await fits('/public/defaulters');
        await page.goto(`${baseUrl}/public/nothing-here`);
        await visible(page, 'public-home', 10_000);

        // A worker's own wages on the phone: every figure, 已到账 included, inside the screen.
        expect(lookupWorker, 'found by the reviewer walk').toBeTruthy();
        const worker = lookupWorker!;
        await page.goto(`${baseUrl}/wage-lookup?project=${worker.projectCode}`);
        await visible(page, 'lookup-form');
        await fits('/wage-lookup');
        await page.getByTestId('lookup-id').fill(worker.idNumber);
        await page.getByTestId('lookup-name').fill(worker.name);
        await page.getByTestId('lookup-submit').click();
        await visible(page, 'lookup-result');
        await fits('/wage-lookup result');
        const paid = page.getByTestId('lookup-paid').first();
        await paid.waitFor({ state: 'visible' });
        const box = await paid.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 360, `已到账 on screen: ${JSON.stringify(box)}`).toBe(true);
        await expectClean(s, 'public pages');
      });
    } finally {
      await s.context.close();
    }
  }, 120_000);

  it('a hung request ends after 30 s with 请求超时，请稍后重试', async () => {
    const s = await newSession();
    try {
      await guarded('timeout', s, async () => {
        const { page } = s;
        await page.clock.install();
        await page.goto(`${baseUrl}/login`);
        await page.getByTestId('login-username').fill('demo_county');
        await page.getByTestId('login-password').fill(NEW_PASSWORD);
        // The sign-in answer never comes.
        await page.route('**/api/auth/login', () => {});
        await page.getByTestId('login-submit').click();
        await page.waitForTimeout(500);
        await page.clock.fastForward(31_000);
        await expect
          .poll(async () => (await page.locator('body').textContent()) ?? '', { timeout: 10_000 })
          .toContain('请求超时，请稍后重试');
        expect(await page.getByTestId('login-submit').isEnabled()).toBe(true);
      });
    } finally {
      await s.context.close();
    }
  }, 60_000);
});

/** A worker on a demo project with wage records: ID number (unmasked by the reviewer, audited) and name. */
async function findLookupWorker(page: Page): Promise<{ projectCode: string; idNumber: string; name: string }> {
  return page.evaluate(async () => {
    const get = async (u: string) => {
      const r = await fetch(u);
      if (!r.ok) throw new Error(`${u}: ${r.status}`);
      return r.json();
    };
    const projects = (await get('/api/projects?pageSize=20')).items as { id: string; code: string }[];
    for (const p of projects) {
      const months = ((await get(`/api/projects/${p.id}/payrolls`)) as { items: unknown[] }).items;
      if (!months?.length) continue;
      const ws = (await get(`/api/projects/${p.id}/workers?pageSize=5`)).items as {
        workerId: string;
        lastMonth: string | null;
      }[];
      const w = ws.find((x) => x.lastMonth) ?? ws[0];
      if (!w) continue;
      const worker = await get(`/api/workers/${w.workerId}`);
      const clear = await fetch(`/api/workers/${w.workerId}/unmask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fields: ['idNumber'], purpose: '核验公众工资查询页面' }),
      });
      return { projectCode: p.code, idNumber: (await clear.json()).idNumber as string, name: worker.name as string };
    }
    throw new Error('no demo project with wage records');
  });
}

/** A user at the city level (POST /api/users as sysadmin): its id and one-time initial password. */
async function createUser(page: Page, username: string, displayName: string) {
  return page.evaluate(
    async ({ username, displayName }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { user: { regionCode: string } };
      const r = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, displayName, departmentId: null, regionCode: me.user.regionCode }),
      });
      if (r.status !== 201 && r.status !== 200) throw new Error(`POST /api/users: ${r.status} ${await r.text()}`);
      const res = (await r.json()) as { user: { id: string }; initialPassword: string };
      return { id: res.user.id, initialPassword: res.initialPassword };
    },
    { username, displayName },
  );
}

/** Grants a built-in role with the data scope 全部 (PUT /api/users/:id/roles as secadmin). */
async function grantRole(page: Page, userId: string | undefined, roleCode: string) {
  if (!userId) throw new Error('no user to grant the role to (its creation in the sysadmin walk failed)');
  await page.evaluate(
    async ({ userId, roleCode }) => {
      const roles = (await (await fetch('/api/roles')).json()) as { id: string; code: string }[];
      const role = roles.find((r) => r.code === roleCode);
      if (!role) throw new Error(`no role ${roleCode}`);
      const r = await fetch(`/api/users/${userId}/roles`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roleIds: [role.id], dataScope: 'all' }),
      });
      if (!r.ok) throw new Error(`PUT /api/users/${userId}/roles: ${r.status} ${await r.text()}`);
    },
    { userId, roleCode },
  );
}
