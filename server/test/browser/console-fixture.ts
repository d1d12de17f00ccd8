import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { chromiumPath, launchBrowser } from "./chromium.js";

const root = path.resolve(import.meta.dirname, "../../..");

/**
 * True when there is no chromium, after saying so loudly: CI installs it (.ci/run), so a suite that
 * skips quietly would hide a broken install.
 */
export function noChromium(suite: string): boolean {
  if (!chromiumPath)
    console.warn(
      `\n*** ${suite} browser tests SKIPPED: no chromium at /usr/bin/chromium (or CHROMIUM_PATH). ` +
        "Install it with `apt-get install -y chromium` (.ci/run does). ***\n",
    );
  return !chromiumPath;
}

/** Screenshots land in docs/console/ (or `docsDir`) only when asked (they change on every run); otherwise in tmp. */
export function screenshotDir(tmpName: string, docsDir = "docs/console"): string {
  return process.env.UPDATE_SCREENSHOTS ? path.join(root, docsDir) : path.join(tmpdir(), tmpName);
}

/** The shots' folder; the web bundle itself is built once per run by the global setup. */
export function prepareConsole(shotDir: string): void {
  mkdirSync(shotDir, { recursive: true });
}

/** Signs in on the console's login page and waits until the header names the user. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByLabel("密码").press("Enter");
  await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(username);
}

/** Lets toasts fade, so a screenshot shows the page itself. */
export async function quiet(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await expect.poll(() => page.locator(".ant-message-notice").count(), { timeout: 10_000 }).toBe(0);
}

/**
 * A fresh chromium with one desktop-sized console page: a missing element fails the step that looks
 * for it (10 s, well inside the test's own timeout), and the page's uncaught errors land in `pageErrors`.
 */
export async function openConsolePage(
  pageErrors: string[],
): Promise<{ browser: Awaited<ReturnType<typeof launchBrowser>>; page: Page }> {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  return { browser, page };
}
