import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi } from './support/admin-api.js';
import {
  field,
  launchChromium,
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

describe('account lifecycle in the console', () => {
  it('signs up, logs in, and is shown the disabled message once an admin disables the account', async () => {
    const username = uniqueUsername('alice');
    const password = 'alice-password-1';
    const { context, page } = await openConsole(browser);

    await page.goto('/signup');
    await field(page, 'Username').fill(username);
    await field(page, 'Email').fill(`${username}@example.com`);
    // The server's per-field message is shown on the field it names.
    await field(page, 'Password').fill('short');
    await field(page, 'Confirm password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    const fieldError = page.getByText('must be at least 8 characters', { exact: true });
    await fieldError.waitFor();
    expect(await field(page, 'Password').getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, 'Password').getAttribute('aria-describedby')).toContain(
      await fieldError.getAttribute('id'),
    );
    expect(await page.getByRole('alert').filter({ hasText: 'Invalid body: password' }).count()).toBe(1);
    await field(page, 'Password').fill(password);
    await field(page, 'Confirm password').fill(password);
    await saveScreenshot(page, '01-signup-form');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
    // A regular user sees no administration section.
    expect(await navLink(page, 'Users').count()).toBe(0);

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByText('You have been logged out.').waitFor();

    await logInThroughForm(page, { username, password: 'wrong-password-1' });
    await page.getByRole('alert').filter({ hasText: 'Invalid username or password' }).waitFor();

    await logInThroughForm(page, { username, password });
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
    await navLink(page, 'Profile').click();
    await page.getByRole('heading', { name: 'Account details' }).waitFor();
    expect(await page.getByText(`${username}@example.com`).count()).toBe(1);
    await saveScreenshot(page, '02-profile-signed-in');

    const admin = await adminApi();
    const user = await admin.findUser(username);
    await admin.setDisabled(user.id, true);

    // The user's next action uses a still-valid access token; the server refuses it at once.
    await field(page, 'Current password').fill(password);
    await field(page, 'New password').fill('alice-password-2');
    await field(page, 'Confirm new password').fill('alice-password-2');
    await page.getByRole('button', { name: 'Change password' }).click();
    const notice = page.getByTestId('session-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Your account has been disabled');
    expect(new URL(page.url()).pathname).toBe('/login');
    const storage = (await context.storageState()).origins.flatMap((origin) => origin.localStorage);
    expect(storage.find((entry) => entry.name === 'switchyard.session')).toBeUndefined();
    await saveScreenshot(page, '03-disabled-notice');

    // Logging in again is refused with the API's own message.
    await logInThroughForm(page, { username, password });
    await page.getByRole('alert').filter({ hasText: 'This account has been disabled' }).waitFor();
    await context.close();
  });

  it('switches to Simplified Chinese and remembers the choice after a reload', async () => {
    const { context, page } = await openConsole(browser);
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await page.getByText('简体中文', { exact: true }).click();
    await page.getByRole('heading', { name: '欢迎回来' }).waitFor();
    expect(await field(page, '用户名').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.reload();
    await page.getByRole('heading', { name: '欢迎回来' }).waitFor();
    await field(page, '用户名').fill(e2eAdmin.username);
    await field(page, '密码').fill(e2eAdmin.password);
    await page.getByRole('button', { name: '登录' }).click();
    await navLink(page, '审计日志').click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByRole('columnheader', { name: '操作者' }).count()).toBe(1);
    await navLink(page, '用户').click();
    await page.getByTestId('users-table').waitFor();
    expect(await page.getByRole('columnheader', { name: '上次登录' }).count()).toBe(1);
    await saveScreenshot(page, '04-users-zh-CN');
    await context.close();
  });
});
