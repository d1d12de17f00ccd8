import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Json, type OrderWorld, orderWorld, sellableShowtime } from "../orders/harness.js";
import { createConsoleUser } from "../support/console.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, quiet, screenshotDir, signIn } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots-pricing");

describe.skipIf(noChromium("console pricing"))("console pricing area in chromium", () => {
  let w: OrderWorld;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  let showtime: Json;
  let cinemaName: string;

  const catalogueSale = async () => {
    const day = new Date(new Date(showtime.startsAt).getTime() + 2 * 3600_000).toISOString().slice(0, 10);
    const res = await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/showtimes?date=${day}&pageSize=200`);
    return (res.body.items as Json[]).find((s) => s.id === showtime.id).price;
  };

  beforeAll(async () => {
    prepareConsole(shotDir);
    w = await orderWorld("ykse");
    ({ showtime } = await sellableShowtime(w, 6));
    cinemaName = (
      await w.t.db.selectFrom("cinemas").select("name").where("id", "=", w.cinemaId).executeTakeFirstOrThrow()
    ).name;
    await createConsoleUser(w.t, "alice", "admin");
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(8000);
    page.on("pageerror", (err) => pageErrors.push(String(err)));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it("creates a rule with the scope picker after previewing it; the channel catalogue shows the new price", async () => {
    const before = await catalogueSale();
    await signIn(page, w.t.baseUrl, "alice", "pw-alice-0123456789");
    await page.getByRole("menuitem", { name: "票价规则" }).click();
    await page.getByRole("button", { name: /新建规则/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("#name").fill("周末加价");
    await dialog.locator("#cinemaIds").click();
    await page.locator(`.ant-select-item-option[title="${cinemaName}"]`).click();
    await dialog.locator("#name").click(); // closes the dropdown
    await dialog.locator("#valueYuan").fill("10");
    await dialog.getByTestId("pricing-preview").click();
    const result = dialog.getByTestId("pricing-preview-result");
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain("将改变");
    expect(await result.textContent()).toContain(
      `¥${((showtime.price.listFen + 1000 + before.serviceFeeFen) / 100).toFixed(2)}`,
    );
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotDir, "pricing-preview.png") });

    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId("pricing-rules").textContent()).toContain("周末加价");
    await expect
      .poll(async () => (await catalogueSale()).saleFen)
      .toBe(showtime.price.listFen + 1000 + before.serviceFeeFen);
    await quiet(page);
    await page.screenshot({ path: path.join(shotDir, "pricing-rules.png") });
  });

  it("explains the showtime's price rule by rule and step by step", async () => {
    await page.getByRole("menuitem", { name: "票价解释" }).click();
    await page.getByTestId("explain-showtime").fill(showtime.id);
    await page.getByTestId("explain-showtime").press("Enter");
    const result = page.getByTestId("explain-result");
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain("周末加价");
    expect(await result.textContent()).toContain("采用");
    await page.screenshot({ path: path.join(shotDir, "pricing-explain.png"), fullPage: true });
  });

  it("shows the history, and bulk-disables the rule", { timeout: 60_000 }, async () => {
    await page.getByRole("menuitem", { name: "票价规则" }).click();
    const row = page.getByRole("row").filter({ hasText: "周末加价" });
    await row.getByRole("button", { name: /历\s*史/ }).click();
    await expect.poll(() => page.getByTestId("pricing-history").textContent()).toContain("v1 创建");
    await page.screenshot({ path: path.join(shotDir, "pricing-history.png") });
    await page.locator(".ant-drawer-close").click();
    await expect.poll(() => page.locator(".ant-drawer-mask").isVisible()).toBe(false);
    await row.locator("input[type=checkbox]").check();
    await page.getByTestId("bulk-disable").click();
    await expect.poll(() => row.textContent()).toContain("已停用");
    const price = await catalogueSale();
    expect(price.saleFen).toBeLessThan(showtime.price.listFen + 1000 + price.serviceFeeFen);
    expect(pageErrors).toEqual([]);
  });
});
