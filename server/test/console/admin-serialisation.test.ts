import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import type { RunningWechatPay } from "../../../simulators/src/wechatpay/index.js";
import { businessDayOf } from "../../src/domain/time.js";
import {
  confirm,
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  type OrderWorld,
  sellableShowtime,
  stuckOrder,
} from "../orders/harness.js";
import { flaggedRefund, type PaidWorld, paidWorld } from "../payments/saga-harness.js";
import { control } from "../payments/wechatpay-sim-controls.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { type ApiResult, call, createConsoleUser, login } from "../support/console.js";

/**
 * Fastify serialises every response through its route's response schema, and a field the schema
 * does not name is dropped without a word. This test drives every /admin route of the real app
 * and compares each answer as the handler returned it (JSON) with what went on the wire: they
 * must be equal, errors included. It also fails when an admin route has no success response
 * schema, or when a route was not driven here (a new admin route must be added below).
 */
const seen = vi.hoisted(() => ({
  routes: [] as Array<{ route: string; hasSuccessSchema: boolean }>,
  compared: [] as Array<{ route: string; status: number; returned: unknown; sent: unknown }>,
  succeeded: new Set<string>(),
}));

vi.mock("fastify", async (importOriginal) => {
  const mod = await importOriginal<typeof import("fastify")>();
  const isAdmin = (url: string) => url === "/admin" || url.startsWith("/admin/");
  // Root hooks, added before any plugin: every route of the app inherits them.
  const withProbe = (opts?: Parameters<typeof mod.default>[0]) => {
    const app = mod.default(opts);
    const returned = new WeakMap<object, string>();
    app.addHook("onRoute", (r) => {
      const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== "HEAD");
      const response = (r.schema?.response ?? {}) as Record<string, unknown>;
      for (const m of methods) {
        if (isAdmin(r.url))
          seen.routes.push({
            route: `${m} ${r.url}`,
            hasSuccessSchema: Object.keys(response).some((code) => /^2\d\d$/.test(code)),
          });
      }
    });
    app.addHook("preSerialization", async (req, _reply, payload) => {
      returned.set(req, JSON.stringify(payload));
      return payload;
    });
    app.addHook("onSend", async (req, reply, payload) => {
      const before = returned.get(req);
      const url = req.routeOptions.url ?? "";
      if (before !== undefined && isAdmin(url) && typeof payload === "string") {
        seen.compared.push({
          route: `${req.method} ${url}`,
          status: reply.statusCode,
          returned: JSON.parse(before),
          sent: JSON.parse(payload),
        });
      }
      return payload;
    });
    app.addHook("onResponse", async (req, reply) => {
      const url = req.routeOptions.url ?? "";
      if (isAdmin(url) && reply.statusCode < 300) seen.succeeded.add(`${req.method} ${url}`);
    });
    return app;
  };
  return { ...mod, default: withProbe, fastify: withProbe };
});

let pw: PaidWorld;
let w: OrderWorld;
let pay: RunningWechatPay;

const admin = (method: string, path: string, body?: unknown): Promise<ApiResult> =>
  call(w.t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });

async function ok(res: Promise<ApiResult>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

beforeAll(async () => {
  // The paid-order world: the order world plus the WeChat Pay simulator and the payment side, so the
  // payment routes (list, retry of a flagged refund) can be driven to a success answer too.
  pw = await paidWorld("ykse", 27);
  ({ w, pay } = pw);
}, 120_000);
afterAll(async () => {
  await pw?.close();
});

describe("admin responses survive their response schemas", () => {
  it("drives every admin route", async () => {
    const cinema = w.cinemaId;
    const enc = encodeURIComponent;

    // Operations views.
    await ok(admin("GET", "/admin/home"));
    await ok(admin("GET", "/admin/cinemas"));
    await ok(admin("GET", `/admin/cinemas/${enc(cinema)}`));
    await ok(admin("GET", `/admin/sync-runs?cinemaId=${enc(cinema)}`));
    await ok(admin("POST", `/admin/cinemas/${enc(cinema)}/sync`), 202);
    await ok(admin("GET", `/admin/cinemas/${enc(cinema)}/seat-rules`));
    await ok(admin("PUT", `/admin/cinemas/${enc(cinema)}/seat-rules`, { forbidSingleGap: false }));
    const settings = await ok(admin("GET", `/admin/cinemas/${enc(cinema)}/settings`));
    await ok(admin("PUT", `/admin/cinemas/${enc(cinema)}/settings`, { version: settings.version, settings: {} }));
    await ok(
      admin("PUT", `/admin/cinemas/${enc(cinema)}/buyer-site`, { enabled: true, slug: "serialise-me", name: "影城" }),
    );
    await ok(admin("GET", `/admin/cinemas/${enc(cinema)}/buyer-site`));
    await ok(admin("GET", "/admin/vendor-query/calls"));
    await ok(admin("GET", "/admin/vendor-directory"));
    // A vendor document is text, not JSON: read it raw.
    const doc = await fetch(new URL("/admin/vendor-docs/INDEX.md", w.t.baseUrl), {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(doc.status).toBe(200);
    expect(await doc.text()).toContain("public-refs.md");
    const day = businessDayOf(w.sims.clocks.ykse.now());
    for (const q of [{ call: "cinema" }, { call: "halls" }, { call: "showtimes", params: { date: day } }])
      await ok(admin("POST", `/admin/cinemas/${enc(cinema)}/vendor-query`, q));
    const started = await ok(admin("POST", `/admin/cinemas/${enc(cinema)}/diagnosis`), 202);
    await ok(admin("GET", `/admin/diagnosis/${enc(started.id)}`));
    await ok(admin("POST", `/admin/cinemas/${enc(cinema)}/diagnosis?wait=true`));
    // Member cards (会员 look-up): one of the simulator's demo cards of this cinema.
    const vendorCinemaId = (await ok(admin("GET", `/admin/cinemas/${enc(cinema)}`))).cinema.vendorCinemaId;
    const demoCards = (await (await fetch(new URL("/_control/member-cards", w.sims.urls.ykse))).json()) as Json;
    const demoCard = demoCards.items.find((c: Json) => c.cinemaLinkId === vendorCinemaId);
    await ok(admin("GET", `/admin/cinemas/${enc(cinema)}/member-cards/${enc(demoCard.cardNo)}`));
    await ok(admin("GET", `/admin/cinemas/${enc(cinema)}/member-overview`));

    // Vendor accounts and onboarding.
    const accounts = await ok(admin("GET", "/admin/vendor-accounts"));
    const account = await ok(
      admin("POST", "/admin/vendor-accounts", {
        vendor: "ykse",
        name: "serialisation-ykse",
        baseUrl: w.sims.urls.ykse,
        credentials: demoAccounts.ykse,
      }),
      201,
    );
    await ok(admin("POST", `/admin/vendor-accounts/${enc(account.id)}/test`));
    await ok(admin("GET", `/admin/vendor-accounts/${enc(accounts.items[0].id)}/discover`));
    const other = w.sims.dataset.cinemas.filter((c) => c.vendor === "ykse")[1]!;
    const onboarded = await ok(
      admin("POST", "/admin/cinemas", {
        vendorAccountId: account.id,
        vendorCinemaId: other.internalCode,
        nationalCode: other.nationalCode,
        channels: ["demo"],
      }),
      201,
    );

    // Channels.
    await ok(admin("POST", "/admin/channels", { code: "serial", name: "Serial", cinemas: [cinema] }), 201);
    await ok(admin("GET", "/admin/channels"));
    await ok(admin("POST", "/admin/channels/serial/rotate-secret"));
    await ok(admin("PUT", "/admin/channels/serial/webhook", { webhookUrl: "http://127.0.0.1:9/hook" }));
    await ok(
      admin("PUT", "/admin/channels/serial/rate-limits", {
        all: { perSecond: 20, burst: 40 },
        seatMap: null,
        create: { perSecond: 5, burst: 10 },
      }),
    );
    await ok(admin("PUT", "/admin/channels/serial/cinemas", { cinemas: [cinema, onboarded.id] }));

    // Payment configuration: stored, read back (secrets only as "set"), checked against the simulator.
    const platform = (await (await fetch(`${pay.url}/_control/platform`)).json()) as Json;
    await ok(
      admin("PUT", `/admin/cinemas/${enc(cinema)}/payment-config`, {
        wechat: {
          appId: pay.demo.appId,
          appSecret: "0123456789abcdef0123456789abcdef",
          mchId: pay.demo.mchId,
          apiVersion: "v3",
          apiV3Key: pay.demo.apiV3Key,
          merchantSerialNo: pay.demo.merchantSerialNo,
          merchantPrivateKeyPem: pay.demo.merchantPrivateKeyPem,
          platformPublicKeyId: platform.publicKeyId,
          platformPublicKeyPem: platform.publicKeyPem,
          apiBaseUrl: pay.url,
        },
        memberCardPay: true,
      }),
    );
    await ok(admin("GET", `/admin/cinemas/${enc(cinema)}/payment-config`));
    await ok(admin("POST", `/admin/cinemas/${enc(cinema)}/payment-config/check`, {}));
    // Payment reconciliation: a run of today against the simulator's merchant, then the list.
    const today = businessDayOf(w.sims.clocks.ykse.now());
    await ok(admin("POST", "/admin/payments/reconciliations", { cinemaId: cinema, date: today }), 201);
    await ok(admin("GET", `/admin/payments/reconciliations?cinemaId=${enc(cinema)}&date=${today}`));
    // Payments: a refund the merchant kept refusing is flagged, then retried by support once it accepts.
    const flagged = await flaggedRefund(pw, 40);
    await control(pay, "POST", "/faults/reset", {});
    w.sims.faults.ykse.reset();
    await ok(admin("POST", `/admin/payments/refunds/${enc(flagged.outRefundNo)}/retry`));
    await ok(admin("GET", `/admin/payments?cinemaId=${enc(cinema)}&q=${enc(flagged.outTradeNo)}`));

    // Pricing rules.
    const pricingRule = {
      name: "serialisation rule",
      enabled: true,
      scope: { cinemaIds: [cinema], channels: ["demo"] },
      price: { base: "list", op: "add", valueFen: 100 },
    };
    await ok(admin("POST", "/admin/pricing-rules/preview", { rule: pricingRule }));
    const priced = await ok(admin("POST", "/admin/pricing-rules", pricingRule), 201);
    await ok(admin("GET", "/admin/pricing-rules"));
    await ok(admin("GET", `/admin/pricing-rules/${enc(priced.id)}`));
    await ok(admin("PUT", `/admin/pricing-rules/${enc(priced.id)}`, { ...pricingRule, name: "serialisation rule 2" }));
    await ok(admin("POST", `/admin/pricing-rules/${enc(priced.id)}/disable`));
    await ok(admin("POST", `/admin/pricing-rules/${enc(priced.id)}/enable`));
    await ok(admin("POST", "/admin/pricing-rules/bulk", { ids: [priced.id], enabled: false }));
    await ok(admin("GET", `/admin/pricing-rules/${enc(priced.id)}/history`));
    const { showtime: explained } = await sellableShowtime(w, 1);
    await ok(admin("GET", `/admin/showtimes/${enc(explained.id)}/price-explain?channel=demo`));
    await ok(admin("DELETE", `/admin/pricing-rules/${enc(priced.id)}`), 204);

    // Console users, session and audit log.
    const created = await ok(admin("POST", "/admin/users", { username: "serial.user", role: "support" }), 201);
    await ok(admin("GET", "/admin/users"));
    await ok(admin("POST", `/admin/users/${enc(created.user.id)}/disable`));
    await ok(admin("POST", `/admin/users/${enc(created.user.id)}/enable`));
    await ok(admin("POST", `/admin/users/${enc(created.user.id)}/reset-password`, {}));
    const { username, password } = await createConsoleUser(w.t, "serial.admin", "admin");
    const session = await login(w.t.baseUrl, username, password);
    await ok(session.request("GET", "/admin/me"));
    await ok(session.request("GET", "/admin/audit-log?pageSize=5"));
    await ok(session.request("POST", "/admin/logout"), 204);

    // Orders: an issued one (vendor query, refund) and flagged ones (resume, resolve).
    const { showtime, seats } = await sellableShowtime(w, 6);
    const order = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1, 0)[0].id]);
    expect(order.status).toBe(201);
    await confirm(w, order.body);
    const issued = await driveUntilNot(w, order.body.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    const toResume = await stuckOrder(w, showtime.id, freeNormalSeats(seats, 1, 1)[0].id);
    const toResolve = await stuckOrder(w, showtime.id, freeNormalSeats(seats, 1, 2)[0].id);
    await ok(admin("GET", "/admin/orders?pageSize=50"));
    await ok(admin("GET", `/admin/orders/${enc(issued.id)}`));
    await ok(admin("GET", `/admin/orders/${enc(toResume.id)}`));
    await ok(admin("POST", `/admin/orders/${enc(issued.id)}/vendor-query`));
    await ok(admin("POST", `/admin/orders/${enc(toResume.id)}/resume`, {}), 202);
    await ok(
      admin("POST", `/admin/orders/${enc(toResolve.id)}/resolve`, {
        note: "cinema says it never issued",
        outcome: "failed",
      }),
    );
    await ok(admin("POST", `/admin/orders/${enc(issued.id)}/refund`, { reason: "buyer asked" }), 202);
    await w.t.runDueSteps();
    await ok(admin("GET", `/admin/orders/${enc(issued.id)}`));
    await ok(admin("GET", "/admin/home"));

    // Error answers go through the problem schema: their extra fields must survive too.
    expect((await admin("GET", "/admin/orders/ord_missing")).status).toBe(404);
    expect((await admin("POST", "/admin/channels", { code: "serial", name: "again" })).status).toBe(409);
    expect((await admin("PUT", "/admin/channels/serial/rate-limits", { all: null })).status).toBe(400);
    expect((await admin("PUT", `/admin/cinemas/${enc(cinema)}/settings`, { version: 0, settings: {} })).status).toBe(
      409,
    );
    expect((await call(w.t.baseUrl, "GET", "/admin/home")).status).toBe(401);
  }, 120_000);

  it("declares a success response schema on every admin route", () => {
    expect(seen.routes.length).toBeGreaterThan(30);
    expect(seen.routes.filter((r) => !r.hasSuccessSchema).map((r) => r.route)).toEqual([]);
  });

  it("sent every field each handler returned, and nothing else", () => {
    expect(seen.compared.length).toBeGreaterThan(40);
    const differing = seen.compared.filter((c) => !isDeepStrictEqual(c.sent, c.returned));
    for (const d of differing) expect(d.sent, `${d.route} → ${d.status}`).toEqual(d.returned);
    expect(differing.map((d) => `${d.route} → ${d.status}`)).toEqual([]);
  });

  it("drove every admin route to a success answer (add a new route's call above)", () => {
    const unexercised = [...new Set(seen.routes.map((r) => r.route))].filter((r) => !seen.succeeded.has(r));
    expect(unexercised).toEqual([]);
  });
});
