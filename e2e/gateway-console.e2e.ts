import { type LlmSim, startLlmSim } from '@switchyard/llm-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  field,
  launchChromium,
  logInThroughForm,
  navLink,
  openConsole,
  saveScreenshot,
} from './support/chromium-browser.js';
import { e2eAdmin, e2eBaseUrl, uniqueUsername } from './support/e2e-environment.js';

let browser: Browser;
let sim: LlmSim;

beforeAll(async () => {
  browser = await launchChromium();
  // A real upstream on this machine, so the channel test, the model import and a request all work.
  sim = await startLlmSim({ host: '127.0.0.1', models: ['gpt-4o', 'gpt-4o-mini', 'sim-unpriced-model'] });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

async function addTag(page: Page, label: string, value: string) {
  const input = page.getByRole('combobox', { name: label });
  await input.fill(value);
  await input.press('Enter');
}

/** Mantine fades dialogs in; the screenshot should show the finished state. */
async function waitForOpenTransition(page: Page) {
  await expect
    .poll(() =>
      page
        .getByRole('dialog')
        .last()
        .evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).opacity),
    )
    .toBe('1');
}

/** Reloads until `locator` shows up: request logs are written in batches a moment after the reply. */
async function reloadUntilVisible(page: Page, selector: string) {
  await expect
    .poll(
      async () => {
        if ((await page.locator(selector).count()) > 0) return true;
        await page.reload();
        await page.waitForTimeout(500);
        return (await page.locator(selector).count()) > 0;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

describe('gateway and billing console', () => {
  it('creates a channel and a key through the console, then shows the request, its cost and the usage charts', async () => {
    const channelName = uniqueUsername('sim-channel');
    const keyName = uniqueUsername('e2e-key');
    const { context, page } = await openConsole(browser);
    await logInThroughForm(page, e2eAdmin);

    // Channel: create, test against the simulator, import the upstream model list.
    await navLink(page, 'Channels').click();
    await page.getByRole('heading', { name: 'Channels' }).waitFor();
    await page.getByRole('button', { name: 'New channel' }).click();
    await field(page, 'Name').fill(channelName);
    await field(page, 'Base URL').fill(`${sim.url}/v1`);
    await field(page, 'API keys').fill('sk-upstream-one\nsk-upstream-two');
    await addTag(page, 'Models', 'gpt-4o');
    await saveScreenshot(page, '20-channel-drawer');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page
      .getByTestId('channels-notice')
      .filter({ hasText: `${channelName} is created.` })
      .waitFor();
    const row = page.locator(`tr[data-channel="${channelName}"]`);
    await row.getByText('Enabled', { exact: true }).waitFor();
    await row.getByText('2 keys').waitFor();
    await row.getByRole('button', { name: 'Test' }).click();
    await page
      .getByTestId('channels-notice')
      .filter({ hasText: `${channelName} answered gpt-4o in` })
      .waitFor();
    await row.getByText(/^OK · \d+ ms$/).waitFor();

    await row.getByRole('button', { name: `Actions for ${channelName}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    // Keys are write-only: the edit form never shows them.
    expect(await field(page, 'API keys').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Import models from upstream' }).click();
    await page.getByRole('checkbox', { name: 'sim-unpriced-model' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Add 2 models' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByTestId('channels-notice')
      .filter({ hasText: `${channelName} is saved.` })
      .waitFor();
    await row.getByText('gpt-4o-mini').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await saveScreenshot(page, '21-channels');

    // The admin tops up their own balance from the users page, so the gateway can reserve quota.
    await navLink(page, 'Users').click();
    await field(page, 'Search').fill(e2eAdmin.username);
    await page.locator(`tr[data-username="${e2eAdmin.username}"]`).waitFor();
    await page.getByRole('button', { name: `Balance of ${e2eAdmin.username}` }).click();
    await field(page, 'Amount').fill('10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/^The balance is now \d+\.\d+\.$/).waitFor();
    await saveScreenshot(page, '22-user-balance');
    await page.getByRole('button', { name: 'Close' }).click();

    // API key: the secret is shown once, in the modal, and nowhere after it closes.
    await navLink(page, 'API keys').click();
    await page.getByRole('button', { name: 'New key' }).click();
    await field(page, 'Name').fill(keyName);
    await field(page, 'Spending limit').fill('5');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretBox = page.getByTestId('api-key-secret');
    await secretBox.waitFor();
    const secret = ((await secretBox.textContent()) ?? '').trim();
    expect(secret).toMatch(/^sk-\S{20,}$/);
    await waitForOpenTransition(page);
    await saveScreenshot(page, '23-api-key-secret');
    await page.getByRole('button', { name: 'I have saved the key' }).click();
    await page.locator(`tr[data-key-name="${keyName}"]`).getByText('Spent 0.00 of 5.00').waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await saveScreenshot(page, '24-api-keys');

    const completion = await fetch(`${e2eBaseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hello' }],
        max_tokens: 32,
      }),
    });
    expect(completion.status).toBe(200);

    // My requests: the request with its channel, tokens and cost; the detail drawer has the attempt chain.
    await navLink(page, 'My requests').click();
    await reloadUntilVisible(page, '[data-testid="request-log-table"] tbody tr');
    const logRow = page.locator('[data-testid="request-log-table"] tbody tr').first();
    await logRow.getByText('gpt-4o', { exact: true }).waitFor();
    await logRow.locator('[data-usage-source="reported"]').waitFor();
    // gpt-4o has a default price, so the request carries a cost in dollars rather than "no price".
    await logRow.getByText(/^\$0\.\d+$/).waitFor();
    await saveScreenshot(page, '25-my-requests');
    await logRow.getByRole('button', { name: /^Details of request/ }).click();
    await page.getByTestId('request-detail').getByText('Attempt 1').waitFor();
    await saveScreenshot(page, '26-request-detail');
    await page.keyboard.press('Escape');

    // Admin request log lists the same request under the channel's name.
    await navLink(page, 'Request logs').click();
    await page.locator('[data-testid="request-log-table"] tbody tr').first().getByText(channelName).waitFor();

    // Pricing: gpt-4o comes from the default table; the channel import marks what is priced.
    await navLink(page, 'Pricing').click();
    await page.getByRole('searchbox', { name: 'Search models' }).fill('gpt-4o');
    const priceRow = page.locator('tr[data-model="gpt-4o"]');
    await priceRow.waitFor();
    expect(await priceRow.locator('[data-source]').textContent()).toBe('default');
    await saveScreenshot(page, '27-pricing');
    await page.getByRole('tab', { name: 'Import from a channel' }).click();
    await page.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: channelName }).click();
    const importTable = page.getByTestId('import-table');
    await importTable.locator('tr', { hasText: 'sim-unpriced-model' }).getByText('no price').waitFor();
    await importTable
      .locator('tr', { hasText: /^gpt-4o-mini/ })
      .getByText('priced')
      .waitFor();
    await saveScreenshot(page, '28-pricing-import');

    // Usage: balance cards and the charts.
    await navLink(page, 'Usage').click();
    await page.getByTestId('usage-cost-chart').waitFor();
    await page.getByTestId('balance').waitFor();
    await reloadUntilVisible(page, '[data-testid="usage-tokens-chart"]');
    await page.getByTestId('usage-models-chart').getByRole('cell', { name: 'gpt-4o', exact: true }).waitFor();
    await saveScreenshot(page, '29-usage');
    await context.close();
  });

  it('shows the usage page in Chinese', async () => {
    const { context, page } = await openConsole(browser, { locale: 'zh-CN' });
    await page.goto('/login');
    await page.getByLabel(/^用户名/).fill(e2eAdmin.username);
    await page.getByLabel(/^密码/).fill(e2eAdmin.password);
    await page.getByRole('button', { name: '登录' }).click();
    await navLink(page, '用量').click();
    await page.getByRole('heading', { name: '用量', exact: true }).waitFor();
    await page.getByTestId('usage-cost-chart').getByText('每日费用').waitFor();
    await saveScreenshot(page, '30-usage-zh');
    await context.close();
  });
});
