import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { cardWorld } from "../members/world.js";
import { createConsoleUser } from "../support/console.js";
import { launchBrowser } from "./chromium.js";
import { noChromium, prepareConsole, screenshotDir, signIn } from "./console-fixture.js";

const shotDir = screenshotDir("cinegate-shots-members");

describe.skipIf(noChromium("console members"))("console 会员 look-up in chromium", () => {
  const w = cardWorld();
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    prepareConsole(shotDir);
    await createConsoleUser(w.t, "mia", "cinema_operator", [w.cinemaId]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    // Generous: the machine running it may be busy, and the first look-up asks the vendor live.
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (err) => pageErrors.push(String(err)));
    return async () => {
      await browser?.close();
    };
  }, 240_000);

  it("an operator looks a card up at their cinema and sees grade, status, records, grades and goods", async () => {
    const card = w.cards.find((c) => c.password === "123456") ?? w.cards[0]!;
    await signIn(page, w.t.baseUrl, "mia", "pw-mia-0123456789");
    await page.getByRole("menuitem", { name: "会员" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/console/members");
    await page.getByTestId("cinema-picker").click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
    await page.getByTestId("card-no").fill(card.cardNo);
    await page.getByTestId("card-search").click();
    const detail = page.getByTestId("card-detail");
    await expect.poll(() => detail.textContent()).toContain("正常");
    const text = (await detail.textContent()) ?? "";
    expect(text).toContain(card.cardNo.slice(-4));
    expect(text).not.toContain(card.cardNo);
    expect(text).toContain("储值卡");
    await expect.poll(() => page.getByText("会员卡等级").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("卖品").count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(shotDir, "member-card-lookup.png"), fullPage: true });

    await page.getByTestId("lang-switch").click();
    await expect.poll(() => detail.textContent()).toContain("Active");
    expect(await page.getByText("Card grades").count()).toBeGreaterThan(0);
    await page.getByTestId("lang-switch").click();
    expect(pageErrors).toEqual([]);
  });
});
