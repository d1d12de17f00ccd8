import path from "node:path";
import type { Page } from "playwright-core";
import { toString as qrSvg } from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConfigWorld, startConfigWorld } from "../payments/config-world.js";
import type { TestApp } from "../support/app.js";
import { createConsoleUser } from "../support/console.js";
import type { launchBrowser } from "./chromium.js";
import { noChromium, openConsolePage, prepareConsole, quiet, screenshotDir, signIn } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots");
const SLUG = "sitecfg-demo";

/**
 * The cinema page's buyer site (微官网) tab in chromium (issue 17): a cinema with no site yet, the
 * API's validation errors under their fields in Chinese, opening the site, switching it off and on
 * and changing its notice — each checked on the buyer API itself — the URL's QR code, and the
 * read-only view of a cinema operator.
 */
describe.skipIf(noChromium("console buyer site"))("buyer site settings in chromium", () => {
  let cw: ConfigWorld;
  let t: TestApp;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  let cinemaId: string;
  let nationalCode: string;
  let support: { username: string; password: string };
  let operator: { username: string; password: string };
  /** What a buyer's page hears from the site's API: 200 with the site, or 404 when it is off. */
  const buyerSite = async () => {
    const res = await fetch(`${t.baseUrl}/h5/api/${SLUG}/site`);
    return { status: res.status, body: (await res.json()) as { notice?: string } };
  };

  beforeAll(async () => {
    prepareConsole(shotDir);
    cw = await startConfigWorld(71, "demo-ykse");
    t = cw.t;
    cinemaId = cw.cinemaId;
    nationalCode = cw.sims.dataset.cinemas.find((c) => c.vendor === "ykse")!.nationalCode;
    support = await createConsoleUser(t, "sue", "support");
    operator = await createConsoleUser(t, "otto", "cinema_operator", [cinemaId]);
    ({ browser, page } = await openConsolePage(pageErrors));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await cw?.close();
  });

  const openTab = async () => {
    await page.goto(`${t.baseUrl}/console/cinemas/${cinemaId}`);
    await page.getByRole("tab", { name: "微官网" }).click();
    await expect.poll(() => page.getByTestId("buyer-site").isVisible()).toBe(true);
  };
  const save = async () => {
    await page.getByTestId("site-save").click();
  };
  const saved = () => expect.poll(() => page.getByText("微官网设置已保存").isVisible()).toBe(true);
  const fieldError = () => page.locator(".ant-form-item-explain-error").allTextContents();

  it("a cinema without a site: the form starts from its national code and name", async () => {
    await signIn(page, t.baseUrl, support.username, support.password);
    await openTab();
    await expect.poll(() => page.getByTestId("buyer-site-none").isVisible()).toBe(true);
    expect(await page.getByTestId("site-slug").inputValue()).toBe(nationalCode.toLowerCase());
    expect(await page.getByTestId("site-enabled").getAttribute("aria-checked")).toBe("false");
    expect(await page.getByTestId("site-qr").count()).toBe(0);
    expect((await buyerSite()).status).toBe(404);
  });

  it("shows the API's validation errors under their fields, in Chinese", async () => {
    await page.getByTestId("site-slug").fill("Bad Slug");
    await page.getByTestId("site-logo").fill("ftp://logo");
    await save();
    await expect.poll(fieldError).toContain("格式不正确：2–40 位小写字母、数字或 -，以字母或数字开头");
    expect(await fieldError()).toContain("格式不正确：须以 https:// 或 / 开头，且不含空格");
    expect(await fieldError()).toHaveLength(2);
    // English is available: the same refusal in English.
    await page.getByText("English", { exact: true }).click();
    await save();
    await expect.poll(fieldError).toContain("Invalid: must start with https:// or / and contain no spaces");
    await page.getByText("中文", { exact: true }).click();
    await page.getByTestId("site-logo").fill("");
    await page.getByTestId("site-slug").fill("api");
    await save();
    await expect.poll(fieldError).toEqual(["“api” 是平台保留的标识，请换一个"]);
    expect((await buyerSite()).status).toBe(404);
  });

  it("opens the site: its URL as a link and a QR code of exactly that URL", async () => {
    await page.getByTestId("site-slug").fill(SLUG);
    await page.getByTestId("site-enabled").click();
    await page.getByTestId("site-notice").fill("请提前 15 分钟到影院取票");
    await save();
    await saved();
    const url = `${t.baseUrl}/h5/${SLUG}/`;
    await expect.poll(() => page.getByTestId("site-url").textContent()).toBe(url);
    expect(await page.getByTestId("site-url").getAttribute("href")).toBe(url);
    expect(await page.getByTestId("site-state").textContent()).toBe("已开放");
    // The drawn QR is the qrcode library's SVG of the site's URL, module for module.
    const qr = page.getByTestId("site-qr");
    await expect.poll(() => qr.locator("svg").count()).toBe(1);
    const expected = await qrSvg(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    const drawnPath = await qr.locator("svg path").last().getAttribute("d");
    expect(expected).toContain(`d="${drawnPath}"`);
    expect(await page.getByText("或下载二维码打印张贴在影院", { exact: false }).isVisible()).toBe(true);
    expect(await page.getByTestId("site-qr-download").isVisible()).toBe(true);
    const live = await buyerSite();
    expect(live.status).toBe(200);
    expect(live.body.notice).toBe("请提前 15 分钟到影院取票");
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "buyer-site.png"), fullPage: true });
  }, 60_000);

  it("switches the site off (buyers get 404) and on again", async () => {
    await page.getByTestId("site-enabled").click();
    await save();
    await saved();
    await expect.poll(() => page.getByTestId("site-state").textContent()).toBe("已关闭");
    expect(await page.getByText("站点已关闭，买家打开此网址会看到“未找到”").isVisible()).toBe(true);
    await expect.poll(async () => (await buyerSite()).status).toBe(404);
    const detail = await cw.admin("GET", `/admin/cinemas/${cinemaId}`);
    expect(detail.body.buyerSite).toMatchObject({ enabled: false, slug: SLUG });

    await quiet(page);
    await page.getByTestId("site-enabled").click();
    await save();
    await saved();
    await expect.poll(() => page.getByTestId("site-state").textContent()).toBe("已开放");
    await expect.poll(async () => (await buyerSite()).status).toBe(200);
  }, 60_000);

  it("changes the notice, and the buyer's site says the new one; a reload shows what was saved", async () => {
    await page.getByTestId("site-notice").fill("本周六 IMAX 厅检修，暂停售票");
    await save();
    await saved();
    await expect.poll(async () => (await buyerSite()).body.notice).toBe("本周六 IMAX 厅检修，暂停售票");
    await openTab();
    expect(await page.getByTestId("site-notice").inputValue()).toBe("本周六 IMAX 厅检修，暂停售票");
    expect(await page.getByTestId("site-slug").inputValue()).toBe(SLUG);
  });

  it("a cinema operator sees the settings and the QR code but cannot change them", async () => {
    await browser.context.clearCookies();
    await signIn(page, t.baseUrl, operator.username, operator.password);
    await openTab();
    await expect.poll(() => page.getByText("只读：微官网设置只能由管理员或技术支持修改。").isVisible()).toBe(true);
    expect(await page.getByTestId("site-notice").isDisabled()).toBe(true);
    expect(await page.getByTestId("site-save").isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId("site-qr").locator("svg").count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
