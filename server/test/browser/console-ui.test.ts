import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { call, createConsoleUser } from "../support/console.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, screenshotDir } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots");

describe.skipIf(noChromium("console"))("operations console in chromium", () => {
  let t: TestApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  let admin: { username: string; password: string };

  beforeAll(async () => {
    prepareConsole(shotDir);
    t = await startTestApp();
    admin = await createConsoleUser(t, "alice", "admin");
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on("pageerror", (err) => pageErrors.push(String(err)));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows the login page in Chinese and rejects a wrong password with a Chinese message", async () => {
    await page.goto(`${t.baseUrl}/console/`);
    await expect.poll(() => page.getByText("登录运营控制台").isVisible()).toBe(true);
    await page.getByLabel("用户名").fill("alice");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByLabel("密码").press("Enter");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("用户名或密码错误");
    await page.getByLabel("密码").fill("");
    await page.screenshot({ path: path.join(shotDir, "login.png") });
  });

  it("logs in as admin and shows the layout with every menu entry", async () => {
    await page.getByLabel("密码").fill(admin.password);
    await page.getByLabel("密码").press("Enter");
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe("alice");
    const menu = await page.getByTestId("nav").getByRole("menuitem").allTextContents();
    expect(menu).toEqual([
      "首页",
      "影院",
      "订单",
      "支付",
      "系统商查询",
      "会员",
      "诊断",
      "系统商目录",
      "票价规则",
      "票价解释",
      "渠道",
      "用户",
      "审计日志",
    ]);
    // The menu navigates inside the single-page app.
    await page.getByRole("menuitem", { name: "订单" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/console/orders");
  });

  it("switches to English, and the choice survives a reload", async () => {
    await page.getByTestId("lang-switch").click();
    await expect
      .poll(() => page.getByTestId("nav").getByRole("menuitem").allTextContents())
      .toEqual([
        "Home",
        "Cinemas",
        "Orders",
        "Payments",
        "Vendor query",
        "Members",
        "Diagnosis",
        "Vendor directory",
        "Pricing rules",
        "Price explain",
        "Channels",
        "Users",
        "Audit log",
      ]);
    await page.reload();
    await expect.poll(() => page.getByRole("menuitem", { name: "Users" }).isVisible()).toBe(true);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
  });

  it("creates a support user on the Users page; the password shown once works", async () => {
    await page.getByRole("menuitem", { name: "Users" }).click();
    await expect.poll(() => page.url()).toBe(`${t.baseUrl}/console/users`);
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Username").fill("sam");
    await dialog.getByRole("button", { name: "Create" }).click();
    const shown = page.getByTestId("shown-password");
    await expect.poll(() => shown.isVisible()).toBe(true);
    const password = (await shown.textContent())!.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await page.getByRole("button", { name: "OK" }).click();
    const row = page.getByRole("row", { name: /sam/ });
    await expect.poll(() => row.textContent()).toContain("Support");
    const login = await call(t.baseUrl, "POST", "/admin/login", { username: "sam", password });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe("support");
  });

  it("shows an API error in the user's language (a taken username)", async () => {
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Username").fill("sam");
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("Conflicts with existing data");
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  it("lists the creation in the Audit log page", async () => {
    await page.getByTestId("lang-switch").click(); // back to Chinese for the docs' screenshots
    await page.getByRole("menuitem", { name: "用户" }).click();
    await expect.poll(() => page.getByRole("row", { name: /sam/ }).isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    // Let the "created" toast fade, so the screenshot shows the page itself.
    await expect.poll(() => page.locator(".ant-message-notice").count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: path.join(shotDir, "users.png") });
    await page.getByRole("menuitem", { name: "审计日志" }).click();
    // The refused second attempt (a taken username) is in the log too, with its outcome.
    const refused = page.getByRole("row", { name: /user\.create/ }).filter({ hasText: '"error":"CONFLICT"' });
    await expect.poll(() => refused.textContent()).toContain('"status":409');
    const entry = page
      .getByRole("row", { name: /user\.create/ })
      .filter({ hasText: "sam" })
      .filter({ hasText: '"status":201' });
    await expect.poll(() => entry.textContent()).toContain("user:alice");
    await page.screenshot({ path: path.join(shotDir, "audit-log.png") });
  });

  it("deep links work (SPA fallback) and a missing asset is a real 404", async () => {
    await page.goto(`${t.baseUrl}/console/audit-log`);
    await expect.poll(() => page.getByRole("menuitem", { name: "审计日志" }).isVisible()).toBe(true);
    expect((await fetch(`${t.baseUrl}/console/assets/missing-abc123.js`)).status).toBe(404);
    expect(pageErrors).toEqual([]);
  });
});
