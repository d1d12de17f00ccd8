import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelClient } from "../../src/client/channel-client.js";
import {
  confirm,
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  type OrderWorld,
  orderWorld,
  sellableShowtime,
  stuckOrder,
} from "../orders/harness.js";
import { cardOf, confirmSplit, firstGoods } from "../orders/mixed-order-harness.js";
import { createConsoleUser } from "../support/console.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, quiet, screenshotDir, signIn } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots-orders");

describe.skipIf(noChromium("console orders"))("console orders and channels in chromium", () => {
  let w: OrderWorld;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  let issued: Json;
  let pickupCode: string;
  /** An ISSUED order with goods at a member card's price, paid part by card and part by WeChat. */
  let mixed: Json;
  let mixedCard: Awaited<ReturnType<typeof cardOf>>;

  beforeAll(async () => {
    prepareConsole(shotDir);
    // A real order through the channel API (typed client) against the simulators, issued by the workflow.
    w = await orderWorld("ykse");
    const { showtime, seats } = await sellableShowtime(w, 6);
    const created = await createOrder(
      w,
      showtime.id,
      freeNormalSeats(seats, 2).map((s: Json) => s.id),
    );
    expect(created.status).toBe(201);
    await confirm(w, created.body);
    issued = await driveUntilNot(w, created.body.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    pickupCode = issued.pickup.printCode ?? issued.pickup.verifyCode;
    mixedCard = await cardOf(w);
    const goods = await firstGoods(w);
    const mixedCreated = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1, 10)[0].id], undefined, {
      goods: [{ goodsId: goods.id, count: 1 }],
      memberCard: { cardRef: mixedCard.cardRef },
    });
    expect(mixedCreated.status).toBe(201);
    const split = await confirmSplit(w, mixedCreated.body, [
      {
        method: "member_card",
        amountFen: mixedCreated.body.totalFen - 300,
        cardRef: mixedCard.cardRef,
        password: mixedCard.password,
      },
      { method: "wechat", amountFen: 300, tradeNo: "wx-browser-split-1" },
    ]);
    expect(split.status).toBe(202);
    mixed = await driveUntilNot(w, mixedCreated.body.id, "CONFIRMING");
    expect(mixed.status).toBe("ISSUED");
    await createConsoleUser(w.t, "sam", "support");
    await createConsoleUser(w.t, "alice", "admin");
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on("pageerror", (err) => pageErrors.push(String(err)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it("support finds the order by its pickup code; the list shows the mobile's last 4 digits only", async () => {
    await signIn(page, w.t.baseUrl, "sam", "pw-sam-0123456789");
    await page.getByRole("menuitem", { name: "订单" }).click();
    await page.getByTestId("order-search").fill(pickupCode);
    await page.getByTestId("order-search").press("Enter");
    await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(pickupCode)}`);
    const row = page.getByRole("row").filter({ hasText: issued.id });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("*******5678");
    expect(await page.getByTestId("order-results").textContent()).not.toContain("13912345678");
    expect(await row.textContent()).toContain("已出票");
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "orders-search.png") });
  });

  it("opens the order page and queries the vendor live", async () => {
    await page.getByRole("link", { name: issued.id }).click();
    await expect.poll(() => page.getByText(`订单 ${issued.id}`).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("pickup-codes").textContent()).toContain(pickupCode);
    await page.getByRole("button", { name: "向系统商查询" }).click();
    const answer = page.getByTestId("vendor-answer");
    await expect.poll(() => answer.textContent()).toContain("系统商订单状态：issued");
    expect(await page.locator("body").textContent()).not.toContain("13912345678");
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "orders-page.png"), fullPage: true });
  });

  it("refunds it after a confirmation dialog; the workflow finishes the refund", async () => {
    await page.getByRole("button", { name: "申请退票" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("退票原因").fill("顾客来电要求退票");
    await page.screenshot({ path: path.join(shotDir, "orders-refund-dialog.png") });
    await dialog.getByRole("button", { name: "申请退票" }).click();
    await expect.poll(() => page.getByText("已申请退票，订单状态：退票中").isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("order-status").first().textContent()).toBe("退票中");
    // The refund's vendor steps run on the injected clock, as the runner would run them.
    const final = await driveUntilNot(w, issued.id, "REFUNDING");
    expect(final.status).toBe("REFUNDED");
    await page.reload();
    await expect.poll(() => page.getByTestId("order-status").first().textContent()).toBe("已退票");
    const audit = await w.t.db
      .selectFrom("audit_log")
      .select(["actor", "detail"])
      .where("action", "=", "order.refund")
      .where("target", "=", issued.id)
      .execute();
    expect(audit).toEqual([
      { actor: "user:sam", detail: { reason: "顾客来电要求退票", started: true, outcome: { status: 202 } } },
    ]);
  });

  it("shows a mixed order's goods, card price and each payment part, the card by its last 4 digits", async () => {
    // The seat-only order's page (still open) has no such card.
    expect(await page.getByTestId("order-goods-payments").count()).toBe(0);
    await page.goto(`${w.t.baseUrl}/console/orders/${mixed.id}`);
    const parts = page.getByTestId("order-goods-payments");
    await expect.poll(() => parts.isVisible()).toBe(true);
    expect(await page.getByTestId("price-kind").textContent()).toBe("会员卡价");
    const last4 = mixedCard.cardNo.slice(-4);
    expect(await page.getByTestId("member-card").textContent()).toMatch(new RegExp(`^\\*+${last4}$`));
    expect(await page.getByTestId("order-goods").textContent()).toContain(mixed.goods[0].name);
    const paid = await page.getByTestId("order-payment-parts").textContent();
    expect(paid).toContain("会员卡");
    expect(paid).toContain("微信支付");
    expect(paid).toContain("¥3.00");
    expect(paid).toContain("wx-browser-split-1");
    expect(await parts.textContent()).not.toContain(mixedCard.password);
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "orders-goods-payments.png"), fullPage: true });
  });

  it("lists flagged orders from the home page's link and resolves one with the cinema's answer", async () => {
    // An order whose confirm answers are lost stays CONFIRMING, flagged as an exhausted timetable.
    const { showtime, seats } = await sellableShowtime(w, 6);
    const stuck = await stuckOrder(w, showtime.id, freeNormalSeats(seats, 1, 8)[0].id);

    await page.goto(`${w.t.baseUrl}/console/orders?needsAttention=1`);
    const row = page.getByRole("row").filter({ hasText: stuck.id });
    await expect.poll(() => row.textContent()).toContain("需人工处理");
    await expect.poll(() => page.getByRole("row").filter({ hasText: issued.id }).count()).toBe(0);
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "orders-needs-attention.png") });

    await page.getByRole("link", { name: stuck.id }).click();
    await page.getByRole("button", { name: "标记已解决" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("未出票（订单失败，渠道需退款给用户）").click();
    await dialog.getByLabel("处理说明").fill("已致电影院：没有出票，座位已释放");
    await page.screenshot({ path: path.join(shotDir, "orders-resolve-dialog.png") });
    await dialog.getByRole("button", { name: "标记已解决" }).click();
    await expect.poll(() => page.getByTestId("order-status").first().textContent()).toBe("失败");
    expect(await page.getByText("需人工处理：").count()).toBe(0);
    const audit = await w.t.db
      .selectFrom("audit_log")
      .select(["actor", "detail"])
      .where("action", "=", "order.resolve")
      .where("target", "=", stuck.id)
      .execute();
    expect(audit).toEqual([
      {
        actor: "user:sam",
        detail: {
          note: "已致电影院：没有出票，座位已释放",
          from: "CONFIRMING",
          to: "FAILED",
          resolution: "failed",
          outcome: { status: 200 },
        },
      },
    ]);
  });

  it("support sees channels read-only; an admin creates a channel and sees its secret once", async () => {
    await page.getByRole("menuitem", { name: "渠道" }).click();
    await expect.poll(() => page.getByText("技术支持只能查看渠道").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "新建渠道" }).count()).toBe(0);

    await page.getByRole("button", { name: "退出登录" }).click();
    await signIn(page, w.t.baseUrl, "alice", "pw-alice-0123456789");
    await page.getByRole("menuitem", { name: "渠道" }).click();
    await page.getByRole("button", { name: "新建渠道" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("渠道代码").fill("partner-app");
    await dialog.getByLabel("名称").fill("合作方小程序");
    await dialog.getByLabel("Webhook 地址").fill("https://partner.example/cinegate/hook");
    await dialog.getByLabel("可售影院").click();
    await page.locator(".ant-select-item-option").first().click();
    await page.keyboard.press("Escape");
    await dialog
      .getByRole("button", { name: "创 建" })
      .or(dialog.getByRole("button", { name: "创建" }))
      .click();
    const shown = page.getByTestId("shown-secret");
    await expect.poll(() => shown.isVisible()).toBe(true);
    const secret = (await shown.textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await page.screenshot({ path: path.join(shotDir, "channels-secret.png") });
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /确\s*定/ })
      .click();
    await expect.poll(() => shown.count()).toBe(0);

    const row = page.getByRole("row").filter({ hasText: "partner-app" });
    await expect.poll(() => row.textContent()).toContain("合作方小程序");
    // Closed is gone: the secret is nowhere on the page any more.
    await expect.poll(() => page.locator("body").textContent()).not.toContain(secret);
    // The secret shown once signs requests for the new channel, which sells the cinema chosen.
    const client = new ChannelClient({ baseUrl: w.t.baseUrl, channelCode: "partner-app", secret });
    const cinemas = await client.get<Json>("/v1/cinemas");
    expect(cinemas.status).toBe(200);
    expect(cinemas.body.items.map((c: Json) => c.id)).toEqual([w.cinemaId]);
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "channels.png") });
    expect(pageErrors).toEqual([]);
  });
});
