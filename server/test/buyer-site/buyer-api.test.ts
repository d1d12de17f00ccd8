import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WechatOAuthEndpoints } from "../../src/buyer-site/wechat-oauth.js";
import { businessDayOf } from "../../src/domain/time.js";
import { sweep } from "../../src/orders/runner.js";
import { freeNormalSeats, type Json, sellableShowtime } from "../orders/harness.js";
import { buyer, notifiesSettled, type PaidWorld, paidWorld } from "../payments/saga-harness.js";
import { control } from "../payments/wechatpay-sim-controls.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { BuyerBrowser } from "./buyer-client.js";

/**
 * The buyer site's API over real HTTP (issue 17): the site's settings and built-in channel, WeChat
 * OAuth through the simulated WeChat (state and code single use), the catalogue as the site's
 * channel, an idempotent order, the JSAPI pay sheet paying the trade, the ticket, another buyer's
 * order not found, and a refund under the cinema's rules — on the one injected clock.
 */
const SLUG = "sim-cinema";
let pw: PaidWorld;
const endpoints: WechatOAuthEndpoints = { authorizeBaseUrl: "", apiBaseUrl: "" };

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, pw.w.t.baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

/** Runs due order steps and refunds a minute of injected time at a time until `done`. */
async function driveUntil(b: BuyerBrowser, orderId: string, done: (o: Json) => boolean): Promise<Json> {
  for (let m = 0; m <= 30; m++) {
    await pw.w.t.runDueSteps();
    await pw.payments.driveDueRefunds();
    await pw.w.t.runDueSteps();
    const o = (await b.json("GET", `/h5/api/${SLUG}/orders/${orderId}`)).body;
    if (done(o)) return o;
    pw.w.advance(60_000);
  }
  return (await b.json("GET", `/h5/api/${SLUG}/orders/${orderId}`)).body;
}

beforeAll(async () => {
  pw = await paidWorld("ykse", 43, { buyerSite: { wechatOAuth: endpoints } });
  endpoints.authorizeBaseUrl = pw.pay.url;
  endpoints.apiBaseUrl = pw.pay.url;
}, 120_000);

afterAll(async () => {
  await pw?.close();
});

describe("the site's settings", () => {
  it("PUT makes the site and its built-in channel; GET /admin/cinemas/{id} shows it", async () => {
    const put = await admin("PUT", `/admin/cinemas/${pw.w.cinemaId}/buyer-site`, {
      enabled: true,
      slug: SLUG,
      name: "模拟影城",
      notice: "请提前 15 分钟取票",
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ enabled: true, slug: SLUG, themeColor: "#e4393c" });
    const detail = await admin("GET", `/admin/cinemas/${pw.w.cinemaId}`);
    expect(detail.body.buyerSite).toEqual({ enabled: true, slug: SLUG, url: `${pw.w.t.baseUrl}/h5/${SLUG}/` });
    // The built-in channel sells this cinema like any channel.
    expect(detail.body.cinema.channels).toContain(`h5-${pw.w.cinemaId.replace(/^cin_/, "")}`);
  });

  it("refuses a reserved slug and a malformed one with a 400", async () => {
    const reserved = await admin("PUT", `/admin/cinemas/${pw.w.cinemaId}/buyer-site`, {
      enabled: true,
      slug: "api",
      name: "x",
    });
    expect(reserved.status).toBe(400);
    const bad = await admin("PUT", `/admin/cinemas/${pw.w.cinemaId}/buyer-site`, {
      enabled: true,
      slug: "Not A Slug",
      name: "x",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
  });

  it("a site's own host name opens it at the root, and is the URL the console shows", async () => {
    const put = await admin("PUT", `/admin/cinemas/${pw.w.cinemaId}/buyer-site`, {
      enabled: true,
      slug: SLUG,
      name: "模拟影城",
      hostName: "h5.cinema.test",
    });
    expect(put.body.url).toBe("https://h5.cinema.test/");
    const root = await pw.w.t.app.inject({ url: "/", headers: { host: "h5.cinema.test" } });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe(`/h5/${SLUG}/`);
    expect((await pw.w.t.app.inject({ url: "/", headers: { host: "other.test" } })).statusCode).toBe(404);
    await admin("PUT", `/admin/cinemas/${pw.w.cinemaId}/buyer-site`, { enabled: true, slug: SLUG, name: "模拟影城" });
  });

  it("an unknown site is 404, page and API alike", async () => {
    const b = new BuyerBrowser(pw.w.t.baseUrl);
    expect((await b.json("GET", "/h5/api/no-such-site/site")).status).toBe(404);
    expect((await b.raw("/h5/no-such-site/")).status).toBe(404);
  });
});

describe("WeChat OAuth (snsapi_base)", () => {
  it("signs the buyer in through the simulated WeChat; state and code work once", async () => {
    const b = new BuyerBrowser(pw.w.t.baseUrl);
    expect((await b.json("GET", `/h5/api/${SLUG}/site`)).body.signedIn).toBe(false);
    const hop = await b.signIn(SLUG, "alice", `/h5/${SLUG}/orders`);
    expect(hop.authorize).toContain("scope=snsapi_base");
    expect(hop.authorize).toContain("#wechat_redirect");
    expect(hop.status).toBe(302);
    expect(hop.location).toBe(`/h5/${SLUG}/orders`);
    expect(b.cookie).toMatch(/^cg_buyer=/);
    expect((await b.json("GET", `/h5/api/${SLUG}/site`)).body.signedIn).toBe(true);

    // The callback replayed (same state, same code): refused.
    const replay = await new BuyerBrowser(pw.w.t.baseUrl).json(
      "GET",
      new URL(hop.callback).pathname + new URL(hop.callback).search,
    );
    expect(replay.status).toBe(401);
    expect(replay.body.reason).toBe("oauth_state_invalid");
    // A forged state: refused.
    const forged = await new BuyerBrowser(pw.w.t.baseUrl).json(
      "GET",
      `/h5/api/${SLUG}/oauth/callback?code=abc&state=forged123`,
    );
    expect(forged.status).toBe(401);
    // A fresh state with the used code: WeChat says 40029 and we refuse.
    const other = new BuyerBrowser(pw.w.t.baseUrl);
    const start = await other.raw(`/h5/api/${SLUG}/oauth/start`);
    const state = new URL(start.headers.get("location")!.replace("#wechat_redirect", "")).searchParams.get("state")!;
    const usedCode = new URL(hop.callback).searchParams.get("code")!;
    const reused = await other.json("GET", `/h5/api/${SLUG}/oauth/callback?code=${usedCode}&state=${state}`);
    expect(reused.status).toBe(401);
    expect(reused.body.reason).toBe("oauth_code_invalid");
    expect(other.cookie).toBe("");
    // A cookie whose signature is not ours is no session.
    const tampered = new BuyerBrowser(pw.w.t.baseUrl);
    tampered.cookie = `${b.cookie.slice(0, -2)}xx`;
    expect((await tampered.json("GET", `/h5/api/${SLUG}/orders`)).status).toBe(401);
  });

  it("never returns to another origin", async () => {
    const b = new BuyerBrowser(pw.w.t.baseUrl);
    const hop = await b.signIn(SLUG, "carol", "https://evil.invalid/");
    expect(hop.location).toBe(`/h5/${SLUG}/`);
  });
});

describe("buying, paying, the ticket and a refund", () => {
  let alice: BuyerBrowser;
  let bob: BuyerBrowser;
  let order: Json;

  beforeAll(async () => {
    alice = new BuyerBrowser(pw.w.t.baseUrl);
    await alice.signIn(SLUG, "alice");
    bob = new BuyerBrowser(pw.w.t.baseUrl);
    await bob.signIn(SLUG, "bob");
  });

  it("reads the catalogue as the site's channel", async () => {
    const date = businessDayOf(pw.now());
    const films = await alice.json("GET", `/h5/api/${SLUG}/films?cinemaId=${pw.w.cinemaId}`);
    expect(films.status).toBe(200);
    expect(films.body.items.length).toBeGreaterThan(0);
    const shows = await alice.json("GET", `/h5/api/${SLUG}/cinemas/${pw.w.cinemaId}/showtimes?date=${date}`);
    expect(shows.status).toBe(200);
  });

  it("a double tap makes one order; unsigned buyers are refused", async () => {
    const { showtime, seats } = await sellableShowtime(pw.w, 6);
    const map = await alice.json("GET", `/h5/api/${SLUG}/showtimes/${showtime.id}/seats`);
    expect(map.status).toBe(200);
    const two = freeNormalSeats(map.body.seats, 2, 4).map((s: Json) => s.id);
    expect(two).toHaveLength(2);
    expect(seats.map((s: Json) => s.id)).toEqual(expect.arrayContaining(two));
    const body = { showtimeId: showtime.id, seatIds: two, mobile: "13912345678" };
    const key = { "idempotency-key": "tap-0123456789" };
    const [first, second] = await Promise.all([
      alice.json("POST", `/h5/api/${SLUG}/orders`, body, key),
      alice.json("POST", `/h5/api/${SLUG}/orders`, body, key),
    ]);
    // One tap makes the order; the other gets it too, or hears it is still being made (409) —
    // and asking again then answers with the same order. Never a second order.
    const made = [first, second].find((r) => r.status === 201)!;
    expect(made).toBeDefined();
    for (const r of [first, second]) {
      if (r.status !== 201) expect(r.status === 409 ? r.body.code : r.body.id).toMatch(/CONFLICT|ord_/);
    }
    const retry = await alice.json("POST", `/h5/api/${SLUG}/orders`, body, key);
    expect(retry.body.id).toBe(made.body.id);
    expect(made.body.status).toBe("LOCKED");
    expect(made.body.seats).toHaveLength(2);
    expect(JSON.stringify(made.body)).not.toContain("13912345678");
    order = made.body;
    const anon = await new BuyerBrowser(pw.w.t.baseUrl).json("POST", `/h5/api/${SLUG}/orders`, body, key);
    expect(anon.status).toBe(401);
  });

  it("another buyer's order is not found, and not in their list", async () => {
    const peek = await bob.json("GET", `/h5/api/${SLUG}/orders/${order.id}`);
    expect(peek.status).toBe(404);
    expect(JSON.stringify(peek.body)).not.toContain(order.seats[0].id);
    expect((await bob.json("POST", `/h5/api/${SLUG}/orders/${order.id}/pay`)).status).toBe(404);
    expect((await bob.json("GET", `/h5/api/${SLUG}/orders`)).body.items).toEqual([]);
    expect((await alice.json("GET", `/h5/api/${SLUG}/orders`)).body.items.map((o: Json) => o.id)).toEqual([order.id]);
  });

  it("pays through the simulated WeChat pay sheet and shows the pickup code", async () => {
    const started = await alice.json("POST", `/h5/api/${SLUG}/orders/${order.id}/pay`);
    expect(started.status).toBe(200);
    const bridge = started.body.payParams.bridge;
    expect(bridge).toMatchObject({ appId: pw.pay.demo.appId, signType: "RSA" });
    expect(bridge.package).toMatch(/^prepay_id=/);
    // A double tap on pay: the same trade.
    const again = await alice.json("POST", `/h5/api/${SLUG}/orders/${order.id}/pay`);
    expect(again.body.outTradeNo).toBe(started.body.outTradeNo);

    const back = `${pw.w.t.baseUrl}/h5/${SLUG}/orders/${order.id}`;
    const q = new URLSearchParams({ ...bridge, return: back });
    const sheet = await fetch(`${pw.pay.url}/_sim/jsapi-pay?${q}`);
    expect(sheet.status).toBe(200);
    expect(await sheet.text()).toContain('data-testid="wechat-sim-pay"');
    // A tampered paySign is refused by the sheet, as WeChat refuses it.
    const forged = new URLSearchParams({ ...bridge, paySign: `A${bridge.paySign.slice(1)}`, return: back });
    expect((await fetch(`${pw.pay.url}/_sim/jsapi-pay/confirm?${forged}`, { redirect: "manual" })).status).toBe(400);
    const paid = await fetch(`${pw.pay.url}/_sim/jsapi-pay/confirm?${q}`, { redirect: "manual" });
    expect(paid.status).toBe(302);
    expect(paid.headers.get("location")).toBe(`${back}?wechat_pay=ok`);

    await notifiesSettled(pw, started.body.outTradeNo);
    const issued = await driveUntil(alice, order.id, (o) => o.status === "ISSUED");
    expect(issued.status).toBe("ISSUED");
    expect(Object.values(issued.pickup).length).toBeGreaterThan(0);
    expect(issued.payment.state).toBe("PAID");
    expect(issued.refund).toMatchObject({ allowed: true });
    expect(issued.film.title).toBeTruthy();
  });

  it("refunds under the cinema's rules, and the money goes back", async () => {
    const res = await alice.json("POST", `/h5/api/${SLUG}/orders/${order.id}/refund`);
    expect(res.status).toBe(200);
    expect(["REFUNDING", "REFUNDED"]).toContain(res.body.status);
    const done = await driveUntil(alice, order.id, (o) => o.status === "REFUNDED" && o.payment?.state === "REFUNDED");
    expect(done.status).toBe("REFUNDED");
    expect(done.payment.state).toBe("REFUNDED");
    expect(done.refund).toMatchObject({ allowed: false, reason: "not_issued" });
  });
});

describe("what a buyer relies on when things go wrong", () => {
  let alice: BuyerBrowser;
  let bob: BuyerBrowser;
  let showtimeId: string;
  let free: Json[];

  beforeAll(async () => {
    alice = new BuyerBrowser(pw.w.t.baseUrl);
    await alice.signIn(SLUG, "alice");
    bob = new BuyerBrowser(pw.w.t.baseUrl);
    await bob.signIn(SLUG, "bob");
    const { showtime } = await sellableShowtime(pw.w, 6);
    showtimeId = showtime.id;
    free = freeNormalSeats(
      (await alice.json("GET", `/h5/api/${SLUG}/showtimes/${showtimeId}/seats`)).body.seats,
      6,
      14,
    );
  });

  const lock = (b: BuyerBrowser, seats: Json[], key: string) =>
    b.json(
      "POST",
      `/h5/api/${SLUG}/orders`,
      { showtimeId, seatIds: seats.map((x) => x.id), mobile: "13800001111" },
      { "idempotency-key": key },
    );

  it("a seat taken between map and tap: the second buyer is told, and the map shows it taken", async () => {
    // Bad input first (no key, no body): a 400, never a 500.
    const bad = await alice.json("POST", `/h5/api/${SLUG}/orders`, undefined);
    expect(bad.status).toBe(400);
    const mine = await lock(alice, free.slice(0, 1), "race-alice-0001");
    expect(mine.status).toBe(201);
    const theirs = await lock(bob, free.slice(0, 2), "race-bob-00001");
    expect(theirs.status).toBe(409);
    expect(theirs.body.code).toBe("SEAT_UNAVAILABLE");
    await expect
      .poll(async () => {
        const map = (await bob.json("GET", `/h5/api/${SLUG}/showtimes/${showtimeId}/seats`)).body;
        return map.seats.find((x: Json) => x.id === free[0].id)?.status;
      })
      .not.toBe("available");
  });

  it("a page left open past the lock, then paid: the order expired and the money went back, and it says so", async () => {
    const locked = await lock(alice, free.slice(3, 4), "late-alice-0001");
    expect(locked.status).toBe(201);
    const started = await alice.json("POST", `/h5/api/${SLUG}/orders/${locked.body.id}/pay`);
    expect(started.status).toBe(200);
    // The sweeper expires the order; WeChat's close fails, so the buyer can still pay the old sheet.
    await control(pw.pay, "PUT", "/faults", { calls: { close: { errorRate: 1 } } });
    pw.w.advance(new Date(locked.body.lockedUntil).getTime() - pw.now() + 1000);
    await sweep(pw.w.t.orders.deps, pw.w.t.orders.workflow, { schedule: async () => {} });
    await control(pw.pay, "POST", "/faults/reset", {});
    const expired = (await alice.json("GET", `/h5/api/${SLUG}/orders/${locked.body.id}`)).body;
    expect(expired.status).toBe("EXPIRED");
    // Paying an expired order is refused with a clear conflict, never a 500.
    const again = await alice.json("POST", `/h5/api/${SLUG}/orders/${locked.body.id}/pay`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("ORDER_STATE_CONFLICT");
    await buyer(pw, started.body.outTradeNo, "pay_late");
    await notifiesSettled(pw, started.body.outTradeNo);
    const final = await driveUntil(alice, locked.body.id, (o) => o.repaid === true);
    expect(final.status).toBe("EXPIRED");
    expect(final.repaid).toBe(true);
    expect(final.refund).toMatchObject({ allowed: false, reason: "not_issued" });
  });
});
