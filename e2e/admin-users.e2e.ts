import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpThroughApi } from './support/admin-api.js';
import {
  field,
  launchChromium,
  listedUsernames,
  logInThroughForm,
  navLink,
  openConsole,
  saveScreenshot,
} from './support/chromium-browser.js';
import { e2eAdmin, uniqueUsername } from './support/e2e-environment.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Waits until the table shows exactly `expected`: search is debounced, then fetched. */
async function waitForUsernames(page: Page, expected: string[]): Promise<void> {
  await expect
    .poll(async () => (await listedUsernames(page)).sort(), { timeout: 15_000 })
    .toEqual([...expected].sort());
}

describe('admin users page', () => {
  it('lists users, narrows them with search, and shows the API message when an admin tries to disable themself', async () => {
    const team = uniqueUsername('team');
    const usernames = [`${team}-bob`, `${team}-carol`, `${team}-dave`];
    for (const username of usernames) await signUpThroughApi({ username, password: 'member-password-1' });

    const { context, page } = await openConsole(browser);
    await logInThroughForm(page, e2eAdmin);
    await navLink(page, 'Users').click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByTestId('users-table').waitFor();
    const firstPage = await listedUsernames(page);
    expect(firstPage).toEqual(expect.arrayContaining([e2eAdmin.username, ...usernames]));

    await field(page, 'Search').fill(team);
    await waitForUsernames(page, usernames);
    await saveScreenshot(page, '05-users-search');

    await field(page, 'Search').fill(`${team}-carol`);
    await waitForUsernames(page, [`${team}-carol`]);

    await field(page, 'Search').fill('no-such-user-anywhere');
    await page.getByText('No users found').waitFor();

    await field(page, 'Search').fill(e2eAdmin.username);
    await waitForUsernames(page, [e2eAdmin.username]);
    await page.getByRole('button', { name: `Actions for ${e2eAdmin.username}` }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    const notice = page.getByTestId('users-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Administrators cannot disable themselves');
    await context.close();
  });

  it('disables and re-enables a user from the row menu', async () => {
    const username = uniqueUsername('erin');
    await signUpThroughApi({ username, password: 'member-password-1' });
    const { context, page } = await openConsole(browser);
    await logInThroughForm(page, e2eAdmin);
    await navLink(page, 'Users').click();
    await field(page, 'Search').fill(username);
    await waitForUsernames(page, [username]);

    const row = page.locator(`tr[data-username="${username}"]`);
    await page.getByRole('button', { name: `Actions for ${username}` }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await page
      .getByTestId('users-notice')
      .filter({ hasText: `${username} has been disabled.` })
      .waitFor();
    await row.getByText('Disabled', { exact: true }).waitFor();

    await page.getByRole('button', { name: `Actions for ${username}` }).click();
    await page.getByRole('menuitem', { name: 'Enable' }).click();
    await page
      .getByTestId('users-notice')
      .filter({ hasText: `${username} has been enabled.` })
      .waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await context.close();
  });
});
