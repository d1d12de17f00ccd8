import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../support/app.js";
import { insertAttentionOrder } from "../support/attention-order.js";
import { call, createConsoleUser } from "../support/console.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, screenshotDir, signIn } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots");

describe.skipIf(noChromium("console operations"))("operations pages in chromium", () => {
  let sims: RunningSimulators;
  let t: TestApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  let user: { username: string; password: string };
  /** Cinemas onboarded through the API before the browser starts (the UI onboards a Moviefan one itself). */
  const ours: Record<"ykse" | "vista", { id: string; code: string }> = {} as never;
  const admin = (method: string, p: string, body?: unknown) =>
    call(t.baseUrl, method, p, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });

  beforeAll(async () => {
    prepareConsole(shotDir);
    sims = await startSimulators({ seed: 31, cinemas: 6, days: 3 });
    t = await startTestApp({ catalogClock: { now: () => sims.clocks.ykse.now() } });
    user = await createConsoleUser(t, "sam", "support");
    for (const vendor of ["ykse", "vista"] as const) {
      const acc = await admin("POST", "/admin/vendor-accounts", {
        vendor,
        name: `demo-${vendor}`,
        baseUrl: sims.urls[vendor],
        credentials: demoAccounts[vendor],
      });
      const data = sims.dataset.cinemas.find((c) => c.vendor === vendor)!;
      const cinema = await admin("POST", "/admin/cinemas", {
        vendorAccountId: acc.body.id,
        vendorCinemaId: data.internalCode,
        nationalCode: data.nationalCode,
        name: data.name,
        channels: ["demo"],
      });
      ours[vendor] = { id: cinema.body.id, code: data.internalCode };
    }
    browser = await launchBrowser();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    // A missing element fails the step that looks for it, well inside the test's own timeout.
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (err) => pageErrors.push(String(err)));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sims?.close();
  });

  const go = (p: string) => page.goto(`${t.baseUrl}/console${p}`);

  it("logs in as support and lands on the home page", async () => {
    await signIn(page, t.baseUrl, user.username, user.password);
    await expect.poll(() => page.getByTestId("home-sync").textContent()).toContain("所有影院同步正常");
  });

  it("onboards a Moviefan cinema: new account, test connection, discover, select, first sync shown live", async () => {
    await go("/cinemas");
    await page.getByTestId("onboard-open").click();
    await page.getByText("新建系统商账号").click();
    await page.locator(".ant-collapse-content .ant-select-selector").first().click();
    await page.locator(".ant-select-dropdown:visible").getByTitle("moviefan").click();
    await page.getByLabel("账号名称").fill("票友-演示");
    await page.getByLabel("接口地址").fill(sims.urls.moviefan);
    await page.getByLabel("channelCode").fill(demoAccounts.moviefan.channelCode);
    await page.getByLabel("secret").fill(demoAccounts.moviefan.secret);
    await page.getByRole("button", { name: /创\s*建/ }).click();
    await expect.poll(() => page.getByText("已保存系统商账号 票友-演示").isVisible()).toBe(true);
    // The secret went in once and is never shown again: the form is empty and the page does not contain it.
    expect(await page.content()).not.toContain(demoAccounts.moviefan.secret);

    await page.getByTestId("test-connection").click();
    await expect.poll(() => page.getByText("连接成功").isVisible()).toBe(true);
    await page.getByTestId("discover").click();
    const target = sims.dataset.cinemas.filter((c) => c.vendor === "moviefan")[0]!;
    const row = page.getByTestId("candidates").locator("tr", { hasText: target.internalCode });
    await expect.poll(() => row.isVisible()).toBe(true);
    // Internal code and national code side by side (doc 000 §三.1); Moviefan's list carries no national code.
    const headers = await page.getByTestId("candidates").locator("th").allTextContents();
    expect(headers).toEqual(expect.arrayContaining(["内部编码", "广电编码"]));
    expect(await row.textContent()).not.toContain(target.nationalCode);
    await row.getByRole("checkbox").check();
    await page.getByTestId("channels").click();
    await page.keyboard.type("demo");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await page.getByTestId("onboard-submit").click();
    const item = page.getByTestId("first-sync-item").first();
    await expect.poll(() => item.getAttribute("data-status"), { timeout: 30_000 }).toBe("succeeded");
    await page.screenshot({ path: path.join(shotDir, "onboarding.png"), fullPage: true });
    expect(await item.textContent()).toMatch(/showtimes\.inserted \d+/);
    const onboarded = await t.db
      .selectFrom("cinemas")
      .selectAll()
      .where("vendor_cinema_id", "=", target.internalCode)
      .execute();
    expect(onboarded).toHaveLength(1);
    const audit = await t.db.selectFrom("audit_log").select("action").where("actor", "=", "user:sam").execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["vendor-account.create", "cinema.onboard"]));
  }, 60_000);

  it("the cinema page draws the hall's seat layout as SVG, with showtimes and sync history", async () => {
    await go(`/cinemas/${ours.ykse.id}`);
    const map = page.getByTestId("seat-map");
    await expect.poll(() => map.isVisible()).toBe(true);
    const kinds = await map
      .locator("g[data-kind]")
      .evaluateAll((gs) => [...new Set(gs.map((g) => g.getAttribute("data-kind")))]);
    expect(kinds).toEqual(expect.arrayContaining(["normal", "loveLeft", "wheelchair", "broken"]));
    await page.screenshot({ path: path.join(shotDir, "cinema.png"), fullPage: true });
    await page.getByRole("tab", { name: "同步记录" }).click();
    await expect.poll(() => page.getByTestId("sync-runs").textContent()).toContain("成功");
  });

  it("reconciles a cinema's payments of a day from its payment tab and lists the run", async () => {
    await go(`/cinemas/${ours.ykse.id}`);
    await page.getByRole("tab", { name: "支付对账" }).click();
    await expect.poll(() => page.getByText("该日尚无对账记录。").isVisible()).toBe(true);
    await page.getByRole("button", { name: "立即对账" }).click();
    await expect.poll(() => page.getByText("对账完成：0 处差异").isVisible()).toBe(true);
    // No payments that day: nothing differs, and the run says how much it checked.
    await expect
      .poll(() => page.getByTestId("recon-run").first().textContent())
      .toContain("无差异（已核对 0 笔支付、0 笔退款）");
    const runs = await admin("GET", `/admin/payments/reconciliations?cinemaId=${ours.ykse.id}`);
    expect(runs.body.items).toEqual([
      expect.objectContaining({ trigger: "manual", state: "DONE", requestedBy: "user:sam" }),
    ]);
  });

  it("edits a VISTA cinema's settings on its Settings tab and names a version conflict", async () => {
    await go(`/cinemas/${ours.vista.id}`);
    await page.getByRole("tab", { name: "设置" }).click();
    await expect.poll(() => page.getByTestId("cinema-settings").textContent()).toContain("尚未保存任何设置");
    await page.getByLabel("每单最多座位").fill("4");
    await page.getByTestId("settings-save").click();
    await expect.poll(() => page.getByText("设置已保存").isVisible()).toBe(true);
    const stored = await admin("GET", `/admin/cinemas/${ours.vista.id}/settings`);
    expect(stored.body).toMatchObject({ version: 1, settings: { vendor: { maxSeatsPerOrder: 4 } } });

    // Someone else saves in between: this page still holds version 1.
    await admin("PUT", `/admin/cinemas/${ours.vista.id}/settings`, {
      version: 1,
      settings: { vendor: { maxSeatsPerOrder: 6 } },
    });
    await page.getByLabel("停售时间（开场前分钟）").fill("10");
    await page.getByTestId("settings-save").click();
    await expect.poll(() => page.getByTestId("settings-conflict").isVisible()).toBe(true);
    const after = await admin("GET", `/admin/cinemas/${ours.vista.id}/settings`);
    expect(after.body.settings.vendor).toEqual({ maxSeatsPerOrder: 6 });
    await page.screenshot({ path: path.join(shotDir, "cinema-settings.png"), fullPage: true });
  });

  it("runs a vendor query live and shows the decoded result next to the raw call", async () => {
    await go(`/vendor-query?cinema=${ours.ykse.id}`);
    await page.getByTestId("call-picker").click();
    await page.locator(".ant-select-dropdown:visible").getByTitle("影院排期").click();
    await page.getByTestId("vq-run").click();
    await expect.poll(() => page.getByTestId("vq-outcome").textContent(), { timeout: 15_000 }).toBe("成功");
    expect(await page.getByTestId("vq-result").textContent()).toContain("vendorShowtimeId");
    const raw = await page.getByTestId("vq-raw").textContent();
    expect(raw).toContain(ours.ykse.code);
    expect(raw).not.toContain(demoAccounts.ykse.secret);
    await page.screenshot({ path: path.join(shotDir, "vendor-query.png") });
  });

  it("diagnoses a cinema the vendor hides showtimes for and names the cause with the fix", async () => {
    sims.faults.vista.update({ hideShowtimesFor: [ours.vista.code] });
    await go(`/diagnosis?cinema=${ours.vista.id}`);
    await page.getByTestId("diag-run").click();
    const check = page.getByTestId("diag-check-showtimes");
    await expect.poll(() => check.getAttribute("data-status"), { timeout: 30_000 }).toBe("fail");
    await expect.poll(() => page.getByTestId("diag-summary").isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId("diag-check-credentials").getAttribute("data-status")).toBe("ok");
    expect(await page.getByTestId("diag-fix-showtimes").textContent()).toContain("票类");
    expect(await page.getByTestId("diag-summary").textContent()).toContain("没有为我方渠道返回");
    await page.screenshot({ path: path.join(shotDir, "diagnosis.png"), fullPage: true });
  });

  it("home lists what needs a human: an order needing attention, the failing sync, a vendor in trouble", async () => {
    // An order the workflow gave up on (the orders area produces these; here it is written directly).
    await insertAttentionOrder(t.db, {
      id: "ord_demo_attention",
      cinemaId: ours.ykse.id,
      mobile: "13800001234",
      totalFen: 9800,
      settleTotalFen: 7000,
      reason: "confirm timetable ended without a final answer",
    });
    // ykse fails every call for a while: its error rate goes up on the home page.
    sims.faults.ykse.update({ default: { errorRate: 1 } });
    for (let i = 0; i < 2; i++) await admin("POST", `/admin/cinemas/${ours.ykse.id}/sync`);
    sims.faults.ykse.reset();
    // Sync now in the browser while VISTA still hides the showtimes: VISTA answers empty, the sync fails.
    await go(`/cinemas/${ours.vista.id}`);
    await page.getByTestId("sync-now").click();
    await expect.poll(() => page.getByTestId("sync-status").first().textContent()).toBe("同步失败");
    sims.faults.vista.update({ hideShowtimesFor: [] });

    await go("/");
    const attention = page.getByTestId("home-attention");
    await expect.poll(() => attention.textContent()).toContain("ord_demo_attention");
    expect(await attention.textContent()).not.toContain("13800001234");
    expect(await attention.getByRole("link", { name: "处理这些订单" }).getAttribute("href")).toBe(
      "/console/orders?needsAttention=1",
    );
    const sync = page.getByTestId("home-sync");
    await expect.poll(() => sync.textContent()).toContain("同步失败");
    const vistaName = sims.dataset.cinemas.find((c) => c.internalCode === ours.vista.code)!.name;
    expect(await sync.textContent()).toContain(vistaName);
    const vendors = page.getByTestId("home-vendors");
    await expect.poll(() => vendors.textContent()).toContain("demo-ykse");
    expect(await vendors.textContent()).toContain("错误率高");
    await page.screenshot({ path: path.join(shotDir, "home.png") });
    await sync.getByRole("link", { name: "诊断" }).first().click();
    await expect.poll(() => page.url()).toContain("/diagnosis?cinema=");
    expect(pageErrors).toEqual([]);
  });
});
