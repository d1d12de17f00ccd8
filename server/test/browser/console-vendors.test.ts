import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { createConsoleUser } from "../support/console.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, screenshotDir, signIn } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots-vendors");

describe.skipIf(noChromium("console vendor directory"))("console vendor directory in chromium", () => {
  let t: TestApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    prepareConsole(shotDir);
    t = await startTestApp();
    await createConsoleUser(t, "alice", "admin");
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(8000);
    page.on("pageerror", (err) => pageErrors.push(String(err)));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("lists every vendor with its status, contact line, quirks and documents", async () => {
    await signIn(page, t.baseUrl, "alice", "pw-alice-0123456789");
    await page.getByRole("menuitem", { name: "系统商目录" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/console/vendors");

    const ykse = page.getByTestId("vendor-ykse");
    await expect.poll(() => ykse.textContent()).toContain("火凤凰 / 凤凰佳影（云）");
    const ykseText = (await ykse.textContent()) ?? "";
    expect(ykseText).toContain("已接入");
    expect(ykseText).toContain("400 电话：400 8259 220");
    expect(ykseText).toContain("渠道市场价");
    expect(ykseText).toContain("一口价");

    const dingxin = (await page.getByTestId("vendor-dingxin").textContent()) ?? "";
    expect(dingxin).toContain("排期日期延后 1 天查询");
    expect(dingxin).toContain("问题交流群：4008155550");

    for (const id of ["kuaigouyun", "weiyun"]) {
      const row = (await page.getByTestId(`vendor-${id}`).getByTestId("vendor-status").textContent()) ?? "";
      expect(row, id).toBe("未接入：无公开接口文档");
      expect(await page.getByTestId(`vendor-${id}`).textContent(), id).toContain("不调用（未接入）");
    }
    await page.screenshot({ path: path.join(shotDir, "vendor-directory.png"), fullPage: true });
  });

  it("a document link opens the served document with the staff session", async () => {
    const link = page.getByTestId("vendor-yunzhi").getByRole("link", { name: /public-refs\.md §10/ });
    const href = await link.getAttribute("href");
    expect(href).toBe("/admin/vendor-docs/public-refs.md");
    const popup = page.waitForEvent("popup");
    await link.click();
    const doc = await popup;
    await doc.waitForLoadState();
    expect(await doc.locator("body").textContent()).toContain('凤凰云智 (ykse "lark" partner gateway)');
    await doc.close();
  });

  it("onboards a 威云 cinema as a manual record: no address, no credentials, no channel, no sync", async () => {
    await page.goto(`${t.baseUrl}/console/cinemas/onboard`);
    await page.getByText("新建系统商账号").click();
    await page.locator(".ant-collapse-content .ant-select-selector").first().click();
    // The list is longer than the drop-down shows at once: type to find it, as support would.
    await page.keyboard.type("weiyun");
    await page.locator(".ant-select-dropdown:visible").getByTitle("weiyun").click();
    await page.getByLabel("账号名称").fill("威云-手工");
    expect(await page.getByLabel("接口地址").count()).toBe(0);
    await page.getByRole("button", { name: /创\s*建/ }).click();
    await expect.poll(() => page.getByTestId("directory-vendor").textContent()).toContain("未接入：无公开接口文档");
    expect(await page.getByTestId("test-connection").isDisabled()).toBe(true);
    expect(await page.getByTestId("channels").count()).toBe(0);
    await page.getByTestId("manual-code").fill("WY-0001");
    await page.getByTestId("manual-code").press("Enter");
    await page.getByTestId("onboard-submit").click();
    const item = page.getByTestId("first-sync-item").first();
    await expect.poll(() => item.textContent()).toContain("手工记录：不同步，不可售");
    await page.screenshot({ path: path.join(shotDir, "onboarding-manual-record.png"), fullPage: true });
    const cinema = await t.db
      .selectFrom("cinemas")
      .select(["id", "vendor"])
      .where("vendor_cinema_id", "=", "WY-0001")
      .executeTakeFirstOrThrow();
    expect(cinema.vendor).toBe("weiyun");
    const state = await t.db.selectFrom("sync_state").select("entity").where("cinema_id", "=", cinema.id).execute();
    expect(state).toEqual([]);
  });

  it("raised no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
