import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeNormalSeats, type Json, sellableShowtime } from "../orders/harness.js";
import { type PaidWorld, paidWorld } from "../payments/saga-harness.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, screenshotDir } from "./console-fixture.js";

/**
 * The buyer site in Debian's chromium at a phone's viewport (390×844, touch), through the
 * simulated WeChat: sign in (OAuth), pick a film, a showtime and two seats, pay on the simulated
 * pay sheet, see the pickup code and QR; another buyer opening that order gets "not found"; the
 * buyer refunds. The order saga runs on the test app's step queue, driven while the page waits.
 */
const shotDir = screenshotDir("cinegate-buyer-shots", "docs/buyer-site");
const SLUG = "demo-h5";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(noChromium("buyer site"))("buyer site in chromium (390×844, touch)", () => {
  let pw: PaidWorld;
  const wechat: { wechatOAuth?: { authorizeBaseUrl: string; apiBaseUrl: string }; simulatedWechatUrl?: string } = {};
  let alice: { context: BrowserContext; close(): Promise<void> };
  let bob: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let base: string;
  let orderUrl: string;

  /** One round of the saga's work (due steps, due refunds) and 20 s of injected time. */
  const drive = async () => {
    await pw.w.t.runDueSteps();
    await pw.payments.driveDueRefunds();
    await pw.w.t.runDueSteps();
    pw.w.advance(20_000);
  };

  /** Polls `count` on the page, driving the saga between looks. */
  const whileDriving = (count: () => Promise<number>) =>
    expect.poll(
      async () => {
        await drive();
        return count();
      },
      { timeout: 30_000, interval: 500 },
    );

  const shot = (name: string) => page.screenshot({ path: path.join(shotDir, name) });

  beforeAll(async () => {
    prepareConsole(shotDir);
    pw = await paidWorld("ykse", 47, { buyerSite: wechat });
    wechat.wechatOAuth = { authorizeBaseUrl: pw.pay.url, apiBaseUrl: pw.pay.url };
    wechat.simulatedWechatUrl = pw.pay.url;
    base = pw.w.t.baseUrl;
    const res = await fetch(`${base}/admin/cinemas/${pw.w.cinemaId}/buyer-site`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ enabled: true, slug: SLUG, name: "星光影城", notice: "请提前 15 分钟到影院取票" }),
    });
    expect(res.status).toBe(200);
    alice = await launchBrowser(PHONE);
    bob = await launchBrowser(PHONE);
    page = await alice.context.newPage();
  }, 240_000);

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await pw?.close();
  });

  it("signs in through the simulated WeChat and buys two seats with WeChat Pay", async () => {
    const { showtime, seats } = await sellableShowtime(pw.w, 6);
    const two = freeNormalSeats(seats, 2, 8) as Json[];
    expect(two).toHaveLength(2);

    await page.goto(`${base}/h5/${SLUG}/?date=${showtime.startsAt.slice(0, 10)}`);
    // Not signed in: the site sends the buyer to WeChat's OAuth (snsapi_base) and back.
    await page.getByTestId("wechat-sim-authorize").waitFor();
    await page.getByTestId("wechat-sim-user").fill("alice");
    await shot("wechat-oauth.png");
    await page.getByTestId("wechat-sim-authorize").tap();
    await page.getByTestId(`film-${showtime.filmId}`).waitFor();
    await shot("home.png");

    await page.getByTestId(`film-${showtime.filmId}`).tap();
    await page.getByTestId(`showtime-${showtime.id}`).tap();
    for (const s of two) {
      await expect.poll(() => page.getByTestId(`seat-${s.id}`).getAttribute("data-status")).toBe("available");
      await page.getByTestId(`seat-${s.id}`).tap();
      await expect.poll(() => page.getByTestId(`seat-${s.id}`).getAttribute("data-selected")).toBe("true");
    }
    await page.getByTestId("order-mobile").locator("input").fill("13912345678");
    await shot("seat-map.png");
    await page.getByTestId("seat-confirm").tap();

    await page.getByTestId("order-countdown").waitFor();
    expect(await page.getByTestId("order-countdown").textContent()).toMatch(/\d\d:\d\d/);
    await shot("order.png");
    orderUrl = page.url();

    await page.getByTestId("order-pay-wechat").tap();
    await page.getByTestId("wechat-sim-pay").waitFor();
    await shot("wechat-pay.png");
    await page.getByTestId("wechat-sim-pay").tap();
    await page.waitForURL(/wechat_pay=ok/);
    // The page waits for the tickets while the saga runs (notify → confirm at the vendor → ISSUED).
    await whileDriving(() => page.getByTestId("ticket-pickup-code").count()).toBeGreaterThan(0);
    expect((await page.getByTestId("ticket-pickup-code").first().textContent())?.trim()).toMatch(/\S{4,}/);
    await page.getByTestId("ticket-qr").waitFor();
    await shot("ticket.png");
  });

  it("another buyer opening that order's URL sees 'not found'", async () => {
    const other = await bob.context.newPage();
    await other.goto(orderUrl.split("?")[0]!);
    await other.getByTestId("wechat-sim-user").fill("bob");
    await other.getByTestId("wechat-sim-authorize").tap();
    await other.getByTestId("order-not-found").waitFor();
    expect(await other.getByTestId("ticket-pickup-code").count()).toBe(0);
    await other.screenshot({ path: path.join(shotDir, "not-found.png") });
  });

  it("refunds under the cinema's rules and lists the order in 'my orders'", async () => {
    await page.getByTestId("refund-button").tap();
    await page.getByRole("button", { name: "确定" }).tap();
    await whileDriving(() => page.getByTestId("order-refunded").count()).toBe(1);
    await shot("refunded.png");
    await page.goto(`${base}/h5/${SLUG}/orders`);
    const id = new URL(orderUrl).pathname.split("/").pop();
    await page.getByTestId(`order-${id}`).waitFor();
    await shot("my-orders.png");
  });
});
