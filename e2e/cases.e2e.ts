/**
 * Browser test of the case flow (issue #13): a county officer registers a complaint taken on the 12333 hotline in
 * the console, finds it in 待受理, opens it, accepts it with two inspectors (confirming when asked), and sees the
 * investigation clock counting on the case page. One server (demo mode, a small demo city).
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../tools/test/e2e-global-setup';
import {
  BOOTSTRAP_PASSWORD,
  freshTotp,
  launchBrowser,
  NEW_PASSWORD,
  outDir,
  startServer,
  type RunningServer,
} from './support';

const STEP = 30_000;
let server: RunningServer;
let browser: Browser;
let baseUrl = '';

const visible = (page: Page, testId: string) =>
  page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: STEP });

/** First sign-in (forced password change, TOTP enrolment when required); returns the user's id and name. */
async function signIn(context: BrowserContext, username: string): Promise<{ page: Page; id: string; name: string }> {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(BOOTSTRAP_PASSWORD);
  await page.getByTestId('login-submit').click();
  await visible(page, 'pwd-old');
  await page.getByTestId('pwd-old').fill(BOOTSTRAP_PASSWORD);
  await page.getByTestId('pwd-new').fill(NEW_PASSWORD);
  await page.getByTestId('pwd-confirm').fill(NEW_PASSWORD);
  await page.getByTestId('pwd-submit').click();
  await page.locator('[data-testid="totp-secret"], [data-testid="app-layout"]').first().waitFor({ state: 'visible' });
  if (await page.getByTestId('totp-secret').isVisible()) {
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/[^A-Za-z2-7]/g, '');
    await page.getByTestId('totp-code').fill(await freshTotp(secret));
    await page.getByTestId('totp-submit').click();
  }
  await visible(page, 'app-layout');
  const me = await page.evaluate(
    async () => (await (await fetch('/api/auth/me')).json()) as { user: { id: string; displayName: string } },
  );
  return { page, id: me.user.id, name: me.user.displayName };
}

async function guarded(name: string, page: Page | undefined, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    await page?.screenshot({ path: path.join(outDir, `e2e-fail-cases-${name}.png`), fullPage: true }).catch(() => {});
    console.error(
      `---- ${name} failed at ${page?.url()} ----\n---- server stderr (tail) ----\n${server.stderr().slice(-3_000)}\n` +
        `---- last requests ----\n${server.recentRequests()}`,
    );
    throw err;
  }
}

beforeAll(async () => {
  server = await startServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('case flow in the console', () => {
  it('registers a complaint, finds it in 待受理, accepts it and shows the investigation clock', async () => {
    const other = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    const mine = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
    let page: Page | undefined;
    try {
      const second = await signIn(other, 'demo_township'); // the second inspector
      const officer = await signIn(mine, 'demo_county');
      page = officer.page;
      const p = page;
      await guarded('flow', p, async () => {
        const employer = `昆明浏览器测试劳务有限公司${Date.now() % 100_000}`;
        await p.goto(`${baseUrl}/cases`);
        await p.getByRole('button', { name: /登记投诉举报/ }).click();
        const modal = p.locator('.ant-modal').filter({ hasText: '登记投诉举报' });
        await modal.waitFor({ state: 'visible' });
        const region = modal.locator('#regionCode');
        await region.click();
        await region.fill('华山');
        const option = p.locator('.ant-select-tree-treenode').filter({ hasText: '华山街道' }).first();
        await option.waitFor({ state: 'visible' });
        await option.click();
        await modal.locator('#complainantName').fill('王五');
        await modal.locator('#phone').fill('13987654321');
        await modal.locator('#employerName').fill(employer);
        await modal.locator('#amount').fill('8600');
        await modal.locator('#summary').fill('在工地干了三个月，工资一直没有结清。');
        await modal.getByRole('button', { name: /登\s*记/ }).click();
        // Registered: the console opens the new case, its 5-working-day decision clock running.
        await p.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: STEP });
        const caseUrl = p.url();
        await visible(p, 'clock-decide');

        // 待受理: the new complaint is there (the newest first).
        await p.goto(`${baseUrl}/cases?queue=pending`);
        const row = p.locator('tbody tr.ant-table-row').filter({ hasText: employer }).first();
        await row.waitFor({ state: 'visible' });
        await expect.poll(() => row.textContent()).toContain('待受理');
        await row.click();
        await p.waitForURL(caseUrl, { timeout: STEP });

        // 受理 with two inspectors; a confirmation when the case type asks for one.
        await p.getByTestId('transition-accept').click();
        const dialog = p
          .locator('.ant-modal')
          .filter({ hasText: '受理' })
          .filter({ has: p.locator('form') });
        await dialog.waitFor({ state: 'visible' });
        // The inspectors from the user picker: search each by name, choose the option.
        const picker = dialog.getByTestId('users-inspectors');
        for (const who of [officer, second]) {
          await picker.click();
          await p.keyboard.type(who.name);
          const option = p.locator('.ant-select-item-option').filter({ hasText: who.name }).first();
          await option.waitFor({ state: 'visible' });
          await option.click();
        }
        await dialog.locator('.ant-modal-title').click(); // closes the drop-down, not the dialog
        await dialog.getByRole('button', { name: /确\s*定/ }).click();
        const confirm = p.locator('.ant-modal-confirm').filter({ hasText: '确认受理？' });
        if (await confirm.isVisible({ timeout: 3_000 }).catch(() => false))
          await confirm.getByRole('button', { name: /确\s*定/ }).click();
        await p.locator('.ant-message-success').filter({ hasText: '已受理' }).waitFor({ state: 'visible' });

        // The case page: accepted, the investigation clock counting in working days, the decision clock stopped.
        await visible(p, 'clock-investigate');
        await expect.poll(() => p.getByTestId('clock-investigate').first().textContent()).toMatch(/工作日/);
        await expect.poll(() => p.locator('body').textContent()).toContain('调查处理中');
        await p.reload();
        await visible(p, 'clock-investigate');
        const left = await p.getByTestId('clock-investigate').first().textContent();
        expect(left).toMatch(/剩余 \d+个工作日/);
      });
    } finally {
      await other.close();
      await mine.close();
    }
  }, 300_000);
});
