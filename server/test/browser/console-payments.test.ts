import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buyer,
  driveUntil,
  lockedPaidOrder,
  notifiesSettled,
  type PaidWorld,
  paidWorld,
  refundsOf,
} from "../payments/saga-harness.js";
import { control } from "../payments/wechatpay-sim-controls.js";
import { createConsoleUser } from "../support/console.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, quiet, screenshotDir, signIn } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots");

/**
 * The console's payment pages in chromium, over the paid-order saga against the WeChat Pay
 * simulator: a cinema's payment configuration (save, then the check's findings with their fixes),
 * the payments list with its search, and the order page's payment and refund timeline with the
 * retry of a flagged refund.
 */
describe.skipIf(noChromium("console payments"))("payment pages in chromium", () => {
  let pw: PaidWorld;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  let user: { username: string; password: string };
  let issued: { orderId: string; outTradeNo: string };
  let flagged: { orderId: string; outTradeNo: string; outRefundNo: string };

  beforeAll(async () => {
    prepareConsole(shotDir);
    pw = await paidWorld("ykse", 67);
    user = await createConsoleUser(pw.w.t, "pia", "support");
    // One order paid and issued.
    const a = await lockedPaidOrder(pw, 0);
    await buyer(pw, a.outTradeNo, "pay");
    await notifiesSettled(pw, a.outTradeNo);
    expect((await driveUntil(pw, a.order.id, (o) => o.status === "ISSUED")).status).toBe("ISSUED");
    issued = { orderId: a.order.id, outTradeNo: a.outTradeNo };
    // One paid, the vendor fails it, and the merchant keeps refusing the refund: flagged for a person.
    pw.w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
    await control(pw.pay, "PUT", "/payment-faults", { refundRefusal: "NOT_ENOUGH" });
    const b = await lockedPaidOrder(pw, 1);
    await buyer(pw, b.outTradeNo, "pay");
    await notifiesSettled(pw, b.outTradeNo);
    await driveUntil(pw, b.order.id, (o) => o.needsAttention === true, 60 * 6);
    const [r] = await refundsOf(pw, b.order.id);
    expect(r!.state).toBe("FLAGGED");
    flagged = { orderId: b.order.id, outTradeNo: b.outTradeNo, outRefundNo: r!.out_refund_no };
    pw.w.sims.faults.ykse.reset();

    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (err) => pageErrors.push(String(err)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await pw?.close();
  });

  const go = (p: string) => page.goto(`${pw.w.t.baseUrl}/console${p}`);

  it("signs in as support", async () => {
    await signIn(page, pw.w.t.baseUrl, user.username, user.password);
  });

  it("the payment configuration: secrets shown as set only, save records who, the check lists findings with fixes", async () => {
    await go(`/cinemas/${pw.w.cinemaId}`);
    await page.getByRole("tab", { name: "支付配置" }).click();
    const form = page.getByTestId("payment-config");
    await expect.poll(() => form.isVisible()).toBe(true);
    // The demo merchant (v3): its secrets are set, and none of their values is on the page.
    await expect.poll(() => page.getByTestId("secret-apiV3Key").textContent()).toBe("已设置");
    expect(await page.getByTestId("field-apiV3Key").inputValue()).toBe("");
    expect(await page.content()).not.toContain(pw.pay.demo.apiV3Key);
    expect(await page.getByTestId("field-mchId").inputValue()).toBe(pw.pay.demo.mchId);

    // A first check of the good configuration passes.
    await page.getByTestId("payment-config-check").click();
    const findings = page.getByTestId("payment-findings");
    await expect.poll(() => findings.textContent(), { timeout: 20_000 }).toContain("全部检查通过");

    // Support types a wrong certificate serial and saves: the change is recorded with the user.
    await page.getByTestId("field-merchantSerialNo").fill("0".repeat(40));
    await page.getByTestId("payment-config-save").click();
    await expect.poll(() => page.getByText("支付配置已保存").isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("payment-config-updated").textContent()).toContain("user:pia");
    // The secrets were kept (left empty means keep).
    await expect.poll(() => page.getByTestId("secret-merchantPrivateKeyPem").textContent()).toBe("已设置");

    await page.getByTestId("payment-config-check").click();
    await expect.poll(() => findings.textContent(), { timeout: 20_000 }).toContain("项检查未通过");
    const bad = page.locator('[data-testid="payment-finding"][data-ok="false"]');
    expect(await bad.count()).toBeGreaterThanOrEqual(1);
    expect(await bad.first().getAttribute("data-check")).toBe("merchantSerialNo");
    expect(await bad.first().textContent()).toContain("处理方法");
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "payment-config.png"), fullPage: true });

    // English is available: the same finding in English.
    await page.getByText("English", { exact: true }).click();
    await expect.poll(() => bad.first().textContent()).toContain("Fix:");
    await page.getByText("中文", { exact: true }).click();

    // Put the right serial back so the merchant works again.
    await page.getByTestId("field-merchantSerialNo").fill(pw.pay.demo.merchantSerialNo);
    await page.getByTestId("payment-config-save").click();
    await expect.poll(() => page.getByText("支付配置已保存").isVisible()).toBe(true);
  }, 90_000);

  it("the payments list shows state tags, searches by out_trade_no and links to the order", async () => {
    await go("/payments");
    const results = page.getByTestId("payment-results");
    // Data rows only: while a search loads, the table's "no data" placeholder is a row too.
    const rows = results.locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await results.textContent()).toContain("已支付");
    expect(await results.textContent()).toContain("待人工处理");
    // The payer is masked; the buyer's openid never reaches the page.
    expect(await page.content()).not.toContain(pw.pay.demo.openid);
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "payments.png"), fullPage: true });

    await page.getByTestId("payment-search").fill(issued.outTradeNo);
    await page.getByTestId("payment-search").press("Enter");
    await expect.poll(() => results.textContent()).toContain(issued.outTradeNo);
    await expect.poll(() => rows.count()).toBe(1);
    await results.getByRole("link", { name: issued.orderId }).click();
    await expect.poll(() => page.url()).toContain(`/orders/${issued.orderId}`);
  });

  it("the order page shows the payment and refund timeline, and support retries the flagged refund", async () => {
    await go(`/orders/${flagged.orderId}`);
    await page.getByRole("tab", { name: /支付与退款/ }).click();
    const timeline = page.getByTestId("order-payments");
    await expect.poll(() => timeline.textContent()).toContain(flagged.outTradeNo);
    expect(await timeline.textContent()).toContain("出票失败");
    expect(await page.getByTestId("refund-state").textContent()).toBe("待人工处理");
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "order-payments.png"), fullPage: true });

    // The merchant's balance is topped up (the simulator refuses no more); support retries.
    await control(pw.pay, "POST", "/faults/reset", {});
    await page.getByTestId("retry-refund").click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /确\s*定/ })
      .click();
    await expect.poll(() => page.getByText(/已重新发起退款/).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("refund-state").textContent()).toMatch(/退款处理中|退款成功/);
    const audit = await pw.w.t.db.selectFrom("audit_log").select("action").where("actor", "=", "user:pia").execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["cinema.payment_config", "cinema.payment_config.check", "payments.refund.retry"]),
    );
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
