import { beforeAll, describe, expect, it } from "vitest";
import { chinaDate } from "../../src/domain/time.js";
import {
  confirm,
  createOrder,
  driveUntilNot,
  flagTimetableEnded,
  freeNormalSeats,
  type Json,
  newKey,
  sellableWorld,
  stuckOrder,
} from "../orders/harness.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { type ConsoleSession, call, createConsoleUser, login } from "../support/console.js";

// The console's order API through real HTTP: search, order page, repair actions, and who may do what.
const MOBILE = "13912345678";
let support: ConsoleSession;
let operatorIn: ConsoleSession;
let operatorOut: ConsoleSession;
/** An ISSUED order and the key the channel created it with (its own reference). */
let issued: Json;
let issuedKey: string;

const w = sellableWorld("ykse", { hours: 6 });
beforeAll(async () => {
  const base = w.t.baseUrl;
  await createConsoleUser(w.t, "sam", "support");
  await createConsoleUser(w.t, "olga", "cinema_operator", [w.cinemaId]);
  await createConsoleUser(w.t, "otto", "cinema_operator", ["cin_somewhere_else"]);
  support = await login(base, "sam", "pw-sam-0123456789");
  operatorIn = await login(base, "olga", "pw-olga-0123456789");
  operatorOut = await login(base, "otto", "pw-otto-0123456789");

  issuedKey = newKey();
  const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 0)[0].id], issuedKey);
  expect(created.status).toBe(201);
  await confirm(w, created.body);
  issued = await driveUntilNot(w, created.body.id, "CONFIRMING");
  expect(issued.status).toBe("ISSUED");
}, 120_000);

/** An order left CONFIRMING because the vendor's confirm answers are lost, then flagged like an exhausted timetable. */
const flagged = (skip: number) => stuckOrder(w, w.showtime.id, freeNormalSeats(w.seats, 1, skip)[0].id);

const search = (s: ConsoleSession, query: string) => s.request("GET", `/admin/orders?${query}`);
const ids = (res: { body: Json }) => res.body.items.map((o: Json) => o.id);
const audit = (action: string, target: string) =>
  w.t.db
    .selectFrom("audit_log")
    .select(["actor", "detail"])
    .where("action", "=", action)
    .where("target", "=", target)
    .execute();

describe("GET /admin/orders (search)", () => {
  it("finds an order by pickup code, and shows the mobile by its last 4 digits only", async () => {
    const code = issued.pickup.printCode ?? issued.pickup.verifyCode;
    const res = await search(support, `pickupCode=${encodeURIComponent(code)}`);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([issued.id]);
    expect(res.body.items[0]).toMatchObject({
      status: "ISSUED",
      cinemaId: w.cinemaId,
      channel: "demo",
      mobile: "*******5678",
      totalFen: issued.totalFen,
    });
    expect(JSON.stringify(res.body)).not.toContain(MOBILE);
    expect(JSON.stringify(res.body)).not.toContain("139****");
  });

  it("finds by order id, channel reference, full mobile, last 4 digits, and the one search box", async () => {
    expect(ids(await search(support, `orderId=${issued.id}`))).toEqual([issued.id]);
    expect(ids(await search(support, `channelRef=${issuedKey}`))).toEqual([issued.id]);
    expect(ids(await search(support, `mobile=${MOBILE}`))).toContain(issued.id);
    expect(ids(await search(support, "mobile=5678"))).toContain(issued.id);
    expect(ids(await search(support, "mobile=0000"))).toEqual([]);
    expect(ids(await search(support, `q=${issuedKey}`))).toEqual([issued.id]);
    expect(ids(await search(support, `q=${issued.id}`))).toEqual([issued.id]);
    const code = issued.pickup.printCode ?? issued.pickup.verifyCode;
    expect(ids(await search(support, `q=${encodeURIComponent(code)}`))).toEqual([issued.id]);
  });

  it("filters by cinema, status and creation date, newest first and paged", async () => {
    const today = chinaDate(Date.now());
    const all = await search(support, `cinemaId=${w.cinemaId}&status=ISSUED&from=${today}&to=${today}`);
    expect(ids(all)).toContain(issued.id);
    expect(ids(await search(support, "status=REFUNDED"))).not.toContain(issued.id);
    expect(ids(await search(support, "from=2020-01-01&to=2020-01-02"))).toEqual([]);
    const everything = await search(support, "pageSize=200");
    const times = everything.body.items.map((o: Json) => o.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const page2 = await search(support, "pageSize=1&page=2");
    expect(page2.body).toMatchObject({ page: 2, pageSize: 1, total: everything.body.total });
    expect(page2.body.items).toHaveLength(everything.body.total >= 2 ? 1 : 0);
  });

  it("needsAttention=1 lists flagged orders only (the home page links it)", async () => {
    const stuck = await flagged(3);
    const res = await search(support, "needsAttention=1");
    expect(ids(res)).toContain(stuck.id);
    expect(ids(res)).not.toContain(issued.id);
    expect(res.body.items.every((o: Json) => o.needsAttention)).toBe(true);
    expect(ids(await search(support, "needsAttention=0"))).not.toContain(stuck.id);
  });

  it("bad input → 400 VALIDATION_FAILED, never 500", async () => {
    for (const q of [
      "mobile=12",
      "mobile=abcd",
      "status=NOPE",
      "from=2026-13-40",
      "from=yesterday",
      "from=2026-05-02&to=2026-05-01",
      "pageSize=0",
      "pageSize=1000",
      "page=-1",
      "needsAttention=maybe",
      "unknown=1",
    ]) {
      const res = await search(support, q);
      expect(res.status, q).toBe(400);
      expect(res.body.code, q).toBe("VALIDATION_FAILED");
    }
  });

  it("scopes cinema operators to their cinemas: others' orders never match", async () => {
    expect(ids(await search(operatorIn, `orderId=${issued.id}`))).toEqual([issued.id]);
    const out = await search(operatorOut, `orderId=${issued.id}`);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ items: [], total: 0 });
    expect((await search(operatorOut, "pageSize=200")).body.total).toBe(0);
    // Asking for a cinema outside the list by id finds nothing either.
    expect((await search(operatorOut, `cinemaId=${w.cinemaId}`)).body.total).toBe(0);
  });

  it("needs a session or the bearer token", async () => {
    expect((await call(w.t.baseUrl, "GET", "/admin/orders")).status).toBe(401);
    const bearer = await call(w.t.baseUrl, "GET", `/admin/orders?orderId=${issued.id}`, undefined, {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
    });
    expect(bearer.status).toBe(200);
    expect(bearer.body.total).toBe(1);
  });
});

describe("GET /admin/orders/:id (order page)", () => {
  it("shows summary, timeline, step journal, vendor calls and webhook deliveries, masked", async () => {
    const res = await support.request("GET", `/admin/orders/${issued.id}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.order).toMatchObject({
      id: issued.id,
      status: "ISSUED",
      mobile: "*******5678",
      channel: { code: "demo" },
      channelRef: issuedKey,
      cinema: { id: w.cinemaId, vendor: "ykse" },
      totalFen: issued.totalFen,
      paidFen: issued.totalFen,
      payment: { method: "wechat", tradeNo: `wx${issued.id}` },
      pickup: issued.pickup,
    });
    expect(d.order.showtime.startsAt).toMatch(/\+08:00$/);
    expect(d.events.map((e: Json) => e.type)).toEqual(
      expect.arrayContaining(["hold.taken", "vendor.lock.ok", "order.confirm", "vendor.confirm", "vendor.issued"]),
    );
    expect(d.events.find((e: Json) => e.type === "order.confirm").actor).toBe("channel:demo");
    expect(d.steps).toEqual([expect.objectContaining({ action: "confirm", attempt: 1, outcome: "issued" })]);
    // The lock and confirm calls name the order, so they are found in the (masked) call recording.
    expect(d.vendorCalls.length).toBeGreaterThanOrEqual(1);
    expect(d.vendorCalls.map((c: Json) => c.call)).toEqual(expect.arrayContaining(["ykse.partner.order.confirmOrder"]));
    expect(d.webhooks).toEqual([]); // the demo channel has no webhook URL
    expect(d.actions).toMatchObject({
      refund: { allowed: true },
      resume: { allowed: false },
      resolve: { allowed: false },
    });
    expect(JSON.stringify(d)).not.toContain(MOBILE);
  });

  it("lists the order's webhook deliveries with their attempts and last error", async () => {
    // The test app runs no pg-boss, so no WebhookNotifier: the row is written as it writes one.
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 20)[0].id]);
    const demo = await w.t.db.selectFrom("channels").select("id").where("code", "=", "demo").executeTakeFirstOrThrow();
    await w.t.db
      .insertInto("webhook_deliveries")
      .values({
        id: "whk_test_1",
        order_id: created.body.id,
        channel_id: demo.id,
        url: "http://127.0.0.1:9/hook",
        status: "pending",
        body: JSON.stringify({ event: "order.updated", order: created.body }),
        attempts: 3,
        last_status_code: 502,
        last_error: "HTTP 502",
      })
      .execute();
    const d = (await support.request("GET", `/admin/orders/${created.body.id}`)).body;
    expect(d.webhooks).toEqual([
      expect.objectContaining({
        id: "whk_test_1",
        url: "http://127.0.0.1:9/hook",
        status: "pending",
        orderStatus: "LOCKED",
        attempts: 3,
        lastStatusCode: 502,
        lastError: "HTTP 502",
        deliveredAt: null,
      }),
    ]);
  });

  it("an unknown order and an order outside an operator's cinemas both answer 404", async () => {
    expect((await support.request("GET", "/admin/orders/ord_nope")).status).toBe(404);
    expect((await operatorIn.request("GET", `/admin/orders/${issued.id}`)).status).toBe(200);
    const out = await operatorOut.request("GET", `/admin/orders/${issued.id}`);
    expect(out.status).toBe(404);
    expect(out.body.code).toBe("NOT_FOUND");
    expect((await support.request("GET", `/admin/orders/${"x".repeat(65)}`)).status).toBe(400);
  });
});

describe("repair actions", () => {
  it("query vendor now: decoded answer with the raw masked call; audited; scoped", async () => {
    const res = await operatorIn.request("POST", `/admin/orders/${issued.id}/vendor-query`);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.answer).toMatchObject({ state: "issued" });
    expect(res.body.calls.length).toBeGreaterThanOrEqual(1);
    expect(res.body.calls[0]).toMatchObject({ outcome: "ok", request: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(MOBILE);
    expect(await audit("order.vendor-query", issued.id)).toEqual([
      { actor: "user:olga", detail: { ok: true, state: "issued", outcome: { status: 200 } } },
    ]);
    expect((await operatorOut.request("POST", `/admin/orders/${issued.id}/vendor-query`)).status).toBe(404);
    const noCsrf = await support.request("POST", `/admin/orders/${issued.id}/vendor-query`, undefined, {
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
  });

  it("resume: clears the flag, restarts the timetable, queues the step; the workflow then issues", async () => {
    const stuck = await flagged(4);
    const res = await support.request("POST", `/admin/orders/${stuck.id}/resume`, { note: "vendor is back" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ queued: true, restartedTimetable: true });
    expect(w.t.scheduled.map((s) => s.orderId)).toContain(stuck.id);
    const row = await w.t.db.selectFrom("orders").selectAll().where("id", "=", stuck.id).executeTakeFirstOrThrow();
    expect(row.needs_attention).toBe(false);
    expect((row.recovery as Json).attempts).toEqual([]);
    const final = await driveUntilNot(w, stuck.id, "CONFIRMING");
    expect(final.status).toBe("ISSUED");
    expect(await audit("order.resume", stuck.id)).toEqual([
      {
        actor: "user:sam",
        detail: {
          status: "CONFIRMING",
          restartedTimetable: true,
          note: "vendor is back",
          outcome: { status: 202 },
        },
      },
    ]);
    const d = (await support.request("GET", `/admin/orders/${stuck.id}`)).body;
    expect(d.events.find((e: Json) => e.type === "console.resume")).toMatchObject({ actor: "user:sam" });
  });

  it("resume refuses an order with nothing to run (409) and is for admin/support only (403)", async () => {
    const res = await support.request("POST", `/admin/orders/${issued.id}/resume`, {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ORDER_STATE_CONFLICT");
    expect((await operatorIn.request("POST", `/admin/orders/${issued.id}/resume`, {})).status).toBe(403);
    expect((await support.request("POST", `/admin/orders/${issued.id}/resume`, { note: "" })).status).toBe(400);
    expect((await support.request("POST", `/admin/orders/${issued.id}/resume`, { extra: 1 })).status).toBe(400);
  });

  it("request refund: the channel's rules, the console user as actor, then REFUNDED; audited", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 6)[0].id]);
    await confirm(w, created.body);
    const order = await driveUntilNot(w, created.body.id, "CONFIRMING");
    expect(order.status).toBe("ISSUED");

    expect((await operatorIn.request("POST", `/admin/orders/${order.id}/refund`, { reason: "x" })).status).toBe(403);
    expect((await support.request("POST", `/admin/orders/${order.id}/refund`, {}, { csrf: false })).status).toBe(403);
    expect((await support.request("POST", `/admin/orders/${order.id}/refund`, {})).status).toBe(400);
    expect((await support.request("POST", `/admin/orders/${order.id}/refund`, { reason: "" })).status).toBe(400);

    const res = await support.request("POST", `/admin/orders/${order.id}/refund`, { reason: "buyer called" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "REFUNDING", started: true });
    const final = await driveUntilNot(w, order.id, "REFUNDING");
    expect(final.status).toBe("REFUNDED");
    const d = (await support.request("GET", `/admin/orders/${order.id}`)).body;
    expect(d.events.find((e: Json) => e.type === "order.refund")).toMatchObject({
      actor: "user:sam",
      detail: { reason: "buyer called" },
    });
    expect(await audit("order.refund", order.id)).toEqual([
      { actor: "user:sam", detail: { reason: "buyer called", started: true, outcome: { status: 202 } } },
    ]);
    // A second refund of a refunded order changes nothing; a LOCKED order cannot be refunded.
    const again = await support.request("POST", `/admin/orders/${order.id}/refund`, { reason: "again" });
    expect(again.body).toEqual({ status: "REFUNDED", started: false });
    const locked = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 7)[0].id]);
    const refused = await support.request("POST", `/admin/orders/${locked.body.id}/refund`, { reason: "x" });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("ORDER_STATE_CONFLICT");
  });

  it("mark resolved: needs a flagged order, a note and (in flight) the final state the cinema gave", async () => {
    const notFlagged = await support.request("POST", `/admin/orders/${issued.id}/resolve`, { note: "ok" });
    expect(notFlagged.status).toBe(409);

    const stuck = await flagged(8);
    expect((await support.request("POST", `/admin/orders/${stuck.id}/resolve`, {})).status).toBe(400);
    const noOutcome = await support.request("POST", `/admin/orders/${stuck.id}/resolve`, { note: "phoned" });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.errors).toEqual([expect.objectContaining({ path: "/outcome" })]);
    const wrong = await support.request("POST", `/admin/orders/${stuck.id}/resolve`, {
      note: "phoned",
      outcome: "refunded",
    });
    expect(wrong.status).toBe(400);
    expect((await operatorIn.request("POST", `/admin/orders/${stuck.id}/resolve`, { note: "x" })).status).toBe(403);

    const res = await support.request("POST", `/admin/orders/${stuck.id}/resolve`, {
      note: "cinema confirms no ticket was issued",
      outcome: "failed",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "FAILED" });
    const row = await w.t.db.selectFrom("orders").selectAll().where("id", "=", stuck.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "FAILED", needs_attention: false, attention_reason: null, repaid: false });
    const holds = await w.t.db.selectFrom("seat_holds").select("order_id").where("order_id", "=", stuck.id).execute();
    expect(holds).toEqual([]);
    // The vendor's lock is given back as on the workflow's own failure path, and the call is kept.
    const kept = await w.t.db
      .selectFrom("order_vendor_calls")
      .select("record")
      .where("order_id", "=", stuck.id)
      .execute();
    expect(kept.some((k) => /release/i.test((k.record as { call: string }).call))).toBe(true);
    expect(ids(await search(support, "needsAttention=1"))).not.toContain(stuck.id);
    // Attempts the order's rules refused are in the log too, each with the problem it met.
    const rows = await audit("order.resolve", stuck.id);
    expect(
      rows.filter((r) => (r.detail as Json).outcome.status === 400).map((r) => (r.detail as Json).outcome),
    ).toEqual([
      { status: 400, error: "VALIDATION_FAILED" },
      { status: 400, error: "VALIDATION_FAILED" },
    ]);
    expect(rows.filter((r) => (r.detail as Json).outcome.status === 200)).toEqual([
      {
        actor: "user:sam",
        detail: {
          note: "cinema confirms no ticket was issued",
          from: "CONFIRMING",
          to: "FAILED",
          resolution: "failed",
          outcome: { status: 200 },
        },
      },
    ]);
    const channelView = await w.api.get<Json>(`/v1/orders/${stuck.id}`);
    expect(channelView.body).toMatchObject({ status: "FAILED", repaid: false });
  });
});

describe("mark resolved on a refund the vendor never answered", () => {
  it("refund_refused puts the order back to ISSUED with the note as the refund error; the seat stays held", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 12)[0].id]);
    await confirm(w, created.body);
    expect((await driveUntilNot(w, created.body.id, "CONFIRMING")).status).toBe("ISSUED");
    w.sims.faults.ykse.update({ calls: { "ykse.partner.order.refundOrder": { lostResponseRate: 1 } } });
    try {
      const res = await support.request("POST", `/admin/orders/${created.body.id}/refund`, { reason: "buyer" });
      expect(res.body.status).toBe("REFUNDING");
      await w.t.runDueSteps();
    } finally {
      w.sims.faults.ykse.reset();
    }
    await flagTimetableEnded(w, created.body.id, "refund");

    const failed = await support.request("POST", `/admin/orders/${created.body.id}/resolve`, {
      note: "x",
      outcome: "failed",
    });
    expect(failed.status).toBe(400);
    const res = await support.request("POST", `/admin/orders/${created.body.id}/resolve`, {
      note: "cinema says the ticket was printed",
      outcome: "refund_refused",
    });
    expect(res.body).toEqual({ status: "ISSUED" });
    const view = (await w.api.get<Json>(`/v1/orders/${created.body.id}`)).body;
    expect(view).toMatchObject({
      status: "ISSUED",
      lastRefundError: "refund refused (resolved by support): cinema says the ticket was printed",
    });
    expect(view.needsAttention).toBeUndefined();
    const holds = await w.t.db
      .selectFrom("seat_holds")
      .select("order_id")
      .where("order_id", "=", created.body.id)
      .execute();
    expect(holds).toHaveLength(1);
  });
});

describe("role rules around the orders area", () => {
  it("support cannot manage users or read the audit log; operators cannot see channels", async () => {
    expect((await support.request("GET", "/admin/users")).status).toBe(403);
    expect((await support.request("POST", "/admin/users", { username: "eve", role: "admin" })).status).toBe(403);
    expect((await support.request("GET", "/admin/audit-log")).status).toBe(403);
    expect((await operatorIn.request("GET", "/admin/channels")).status).toBe(403);
    expect((await support.request("GET", "/admin/channels")).status).toBe(200);
  });
});
