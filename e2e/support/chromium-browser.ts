import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { e2eBaseUrl, e2eOutputDir } from './e2e-environment.js';

// Debian's chromium, not a Playwright download; the flags keep it from calling home in CI.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
}

/** A fresh context: its own localStorage, so each one is a separate person's browser. */
export async function openConsole(
  browser: Browser,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: e2eBaseUrl,
    viewport: { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(e2eOutputDir, `${name}.png`), fullPage: true });
}

/**
 * An input by its visible label. Mantine appends an aria-hidden " *" to required labels, which
 * getByLabel counts; password inputs have no textbox role, so getByRole cannot find them.
 */
export function field(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** A link in the console's side navigation (the overview has cards with the same names). */
export function navLink(page: Page, name: string): Locator {
  return page.locator('nav').getByRole('link', { name, exact: true });
}

/** The usernames in the users table, top to bottom. */
export async function listedUsernames(page: Page): Promise<string[]> {
  const rows = page.locator('[data-testid="users-table"] tbody tr');
  const names: string[] = [];
  for (let index = 0; index < (await rows.count()); index += 1) {
    names.push((await rows.nth(index).getAttribute('data-username')) ?? '');
  }
  return names;
}

export async function logInThroughForm(
  page: Page,
  credentials: { username: string; password: string },
): Promise<void> {
  await page.goto('/login');
  await field(page, 'Username').fill(credentials.username);
  await field(page, 'Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}
