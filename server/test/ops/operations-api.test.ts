import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { businessDayOf } from "../../src/domain/time.js";
import { insertAttentionOrder } from "../support/attention-order.js";
import { type OpsWorld, startOpsWorld, waitForDiagnosis } from "./ops-fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

let w: OpsWorld;
beforeAll(async () => {
  w = await startOpsWorld();
}, 60_000);
afterAll(() => w?.close());

describe("GET /admin/cinemas and /admin/cinemas/:id", () => {
  it("lists onboarded cinemas with internal and national codes and sync health", async () => {
    const res = await w.admin("GET", "/admin/cinemas");
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(3);
    const vista = res.body.items.find((c: Json) => c.vendor === "vista");
    expect(vista).toMatchObject({
      vendorCinemaId: w.cinemas.vista.data.internalCode,
      nationalCode: w.cinemas.vista.data.nationalCode,
      sync: { status: "ok" },
      channels: ["demo"],
    });
    expect(vista.vendorCinemaId).not.toBe(vista.nationalCode);
    expect(vista.hallCount).toBeGreaterThan(3);
  });

  it("filters by name, id or code", async () => {
    const res = await w.admin("GET", `/admin/cinemas?q=${w.cinemas.moviefan.data.internalCode}`);
    expect(res.body.items.map((c: Json) => c.id)).toEqual([w.cinemas.moviefan.id]);
  });

  it("the cinema page has halls with seat layouts, showtimes by day with prices and the sync history", async () => {
    const res = await w.admin("GET", `/admin/cinemas/${w.cinemas.ykse.id}`);
    expect(res.status).toBe(200);
    const { halls, showtimeDays, syncRuns } = res.body;
    const kinds = new Set(halls.flatMap((h: Json) => h.layout.seats.map((s: Json) => s.kind)));
    expect([...kinds]).toEqual(expect.arrayContaining(["normal", "loveLeft", "loveRight", "wheelchair"]));
    expect(showtimeDays[0].businessDay).toBe(businessDayOf(w.sims.clocks.ykse.now()));
    expect(showtimeDays[0].showtimes[0].saleFen).toBeGreaterThan(0);
    expect(syncRuns[0]).toMatchObject({ status: "succeeded" });
    expect(syncRuns[0].counts["showtimes.inserted"]).toBeGreaterThan(0);
  });

  it("an unknown cinema → 404 NOT_FOUND", async () => {
    const res = await w.admin("GET", "/admin/cinemas/cin_nope");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });
});

describe("POST /admin/cinemas/:id/vendor-query", () => {
  const query = (vendor: keyof OpsWorld["cinemas"], body: unknown) =>
    w.admin("POST", `/admin/cinemas/${w.cinemas[vendor].id}/vendor-query`, body);

  it("runs the cinema detail call live and shows the raw request and response next to the decoded result", async () => {
    const res = await query("moviefan", { call: "cinema" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, vendor: "moviefan", call: "cinema" });
    expect(res.body.result.vendorCinemaId).toBe(w.cinemas.moviefan.data.internalCode);
    expect(res.body.calls.length).toBeGreaterThan(0);
    expect(res.body.calls[0].request).toContain(w.cinemas.moviefan.data.internalCode);
    expect(res.body.calls[0].response.length).toBeGreaterThan(10);
    expect(JSON.stringify(res.body)).not.toContain(demoAccounts.moviefan.secret);
    expect(typeof res.body.durationMs).toBe("number");
  });

  it("hall seats, showtimes and seat status for each seat vendor", async () => {
    for (const vendor of ["ykse", "vista", "moviefan"] as const) {
      const page = (await w.admin("GET", `/admin/cinemas/${w.cinemas[vendor].id}`)).body;
      const hall = page.halls[0];
      const seats = await query(vendor, { call: "hallSeats", params: { hallId: hall.id } });
      expect(seats.body.ok, `${vendor} hallSeats ${JSON.stringify(seats.body.error)}`).toBe(true);
      expect(seats.body.result.seats.length).toBe(hall.layout.seats.length);
      const day = businessDayOf(w.sims.clocks.ykse.now());
      const shows = await query(vendor, { call: "showtimes", params: { date: day } });
      expect(shows.body.ok, `${vendor} showtimes`).toBe(true);
      expect(shows.body.result.length).toBeGreaterThan(0);
      const show = page.showtimeDays.at(-1).showtimes[0];
      const status = await query(vendor, { call: "seatStatus", params: { showtimeId: show.id } });
      expect(status.body.ok, `${vendor} seatStatus ${JSON.stringify(status.body.error)}`).toBe(true);
      expect(status.body.result.seats).toBeTypeOf("object");
    }
  });

  it("member card login masks the card password everywhere, including the audit log", async () => {
    const card = w.sims.dataset.cards.find((c) => c.cinemaId === w.cinemas.ykse.data.id)!;
    const res = await query("ykse", {
      call: "cardLogin",
      params: { cardNumber: card.cardNo, cardPassword: card.password },
    });
    expect(res.status).toBe(200);
    expect(res.body.ok, JSON.stringify(res.body.error)).toBe(true);
    expect(res.body.result.balance).toBeDefined();
    expect(JSON.stringify(res.body)).not.toContain(`"${card.password}"`);
    expect(JSON.stringify(res.body.calls)).not.toContain(card.password);
    expect(JSON.stringify(res.body)).not.toContain(card.mobile);
    const audit = await w.t.db.selectFrom("audit_log").selectAll().where("action", "=", "vendor.query").execute();
    const entry = audit.find((a) => (a.detail as Json).call === "cardLogin")!;
    expect(entry.target).toBe(w.cinemas.ykse.id);
    expect(JSON.stringify(entry.detail)).not.toContain(card.password);
    expect((entry.detail as Json).params.cardPassword).toBe("***");
  });

  it("member card grades on ykse; a vendor without member cards says unsupported (not an error status)", async () => {
    const grades = await query("ykse", { call: "cardGrades" });
    expect(grades.body.ok).toBe(true);
    expect(grades.body.result.length).toBe(3);
    const none = await query("vista", { call: "cardGrades" });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ ok: false, error: { code: "unsupported" } });
  });

  it("VISTA lists what its OData.svc/Cinemas returns (doc 003 §3.1): its own cinema with the national code", async () => {
    const res = await query("vista", { call: "cinemas" });
    expect(res.body).toMatchObject({ ok: true });
    expect(JSON.stringify(res.body)).toContain("nationalCode");
  });

  it("a missing input, an unknown call or an unknown field → 400 VALIDATION_FAILED", async () => {
    for (const body of [
      { call: "hallSeats" },
      { call: "dropTables" },
      { call: "cinema", params: { sql: "x" } },
      { call: "showtimes", params: { date: "tomorrow" } },
    ]) {
      const res = await query("ykse", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
    }
  });

  it("a hall, showtime or order of another cinema → 404", async () => {
    const other = (await w.admin("GET", `/admin/cinemas/${w.cinemas.vista.id}`)).body;
    const res = await query("ykse", { call: "hallSeats", params: { hallId: other.halls[0].id } });
    expect(res.status).toBe(404);
    const order = await query("ykse", { call: "orderDetail", params: { orderId: "ord_none" } });
    expect(order.status).toBe(404);
  });
});

describe("diagnosis: why does this cinema show no showtimes", () => {
  const diagnose = (cinemaId: string) => w.admin("POST", `/admin/cinemas/${cinemaId}/diagnosis?wait=true`);
  const finding = (run: Json, check: string) => run.checks.find((c: Json) => c.check === check).finding;

  it("a healthy cinema: every check ok, no problem found", async () => {
    const res = await diagnose(w.cinemas.ykse.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("done");
    const statuses = Object.fromEntries(res.body.checks.map((c: Json) => [c.check, c.finding.status]));
    expect(statuses).toEqual({
      credentials: "ok",
      cinema: "ok",
      cinemaList: "ok",
      showtimes: "ok",
      saleAndPrice: "ok",
      ourSync: "ok",
      channels: "ok",
    });
    expect(res.body.summary.en).toMatch(/No problem found/);
  });

  it("a cinema whose vendor hides its showtimes from our channel: the showtimes check fails with the vendor's fix", async () => {
    for (const vendor of ["moviefan", "vista"] as const) {
      w.sims.faults[vendor].update({ hideShowtimesFor: [w.cinemas[vendor].data.internalCode] });
      const res = await diagnose(w.cinemas[vendor].id);
      w.sims.faults[vendor].update({ hideShowtimesFor: [] });
      const f = finding(res.body, "showtimes");
      expect(f.status, vendor).toBe("fail");
      expect(f.detail.en).toMatch(/no showtimes at all for our channel/);
      expect(f.fix.zh).toMatch(vendor === "vista" ? /票类/ : /开放销售渠道/);
      expect(finding(res.body, "credentials").status).toBe("ok");
      expect(finding(res.body, "saleAndPrice").status).toBe("skipped");
      expect(res.body.summary.zh).toContain("系统商返回场次");
    }
  });

  it("wrong credentials: the first check fails and the vendor checks are skipped, our own checks still run", async () => {
    const acc = await w.admin("POST", "/admin/vendor-accounts", {
      vendor: "moviefan",
      name: "ops-moviefan-bad",
      baseUrl: w.sims.urls.moviefan,
      credentials: { channelCode: demoAccounts.moviefan.channelCode, secret: "not-the-secret" },
    });
    const data = w.sims.dataset.cinemas.filter((c) => c.vendor === "moviefan")[1]!;
    const cinema = await w.admin("POST", "/admin/cinemas", {
      vendorAccountId: acc.body.id,
      vendorCinemaId: data.internalCode,
      channels: [],
    });
    const res = await diagnose(cinema.body.id);
    expect(finding(res.body, "credentials")).toMatchObject({ status: "fail" });
    expect(finding(res.body, "credentials").fix.en).toMatch(/credentials/);
    expect(finding(res.body, "showtimes").status).toBe("skipped");
    expect(finding(res.body, "ourSync").status).toBe("fail");
    expect(finding(res.body, "channels")).toMatchObject({ status: "fail" });
    expect(finding(res.body, "channels").fix.en).toMatch(/cinema list/);
  });

  it("starts with 202 and every check pending, then the run can be polled to the end; the start is audited", async () => {
    const start = await w.admin("POST", `/admin/cinemas/${w.cinemas.vista.id}/diagnosis`);
    expect(start.status).toBe(202);
    expect(start.body.status).toBe("running");
    expect(start.body.checks.map((c: Json) => c.state)).toContain("pending");
    const done = await waitForDiagnosis(() => w.admin("GET", `/admin/diagnosis/${start.body.id}`));
    expect(done.body.checks.every((c: Json) => c.state === "done")).toBe(true);
    const audit = await w.t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "cinema.diagnose")
      .where("target", "=", w.cinemas.vista.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("an unknown cinema or run → 404", async () => {
    expect((await diagnose("cin_nope")).status).toBe(404);
    expect((await w.admin("GET", "/admin/diagnosis/diag_nope")).status).toBe(404);
  });
});

describe("GET /admin/home", () => {
  it("shows orders needing attention, cinemas failing to sync and vendors with errors, each with its ids", async () => {
    const cinema = w.cinemas.moviefan;
    await insertAttentionOrder(w.t.db, {
      id: "ord_attention_1",
      cinemaId: cinema.id,
      mobile: "13800001234",
      reason: "confirm timetable ended without an answer",
    });
    w.sims.faults.moviefan.update({ default: { errorRate: 1 } });
    for (let i = 0; i < 5; i++) await w.admin("POST", `/admin/cinemas/${cinema.id}/sync`);
    w.sims.faults.moviefan.reset();

    const res = await w.admin("GET", "/admin/home");
    expect(res.status).toBe(200);
    expect(res.body.needsAttention.count).toBe(1);
    expect(res.body.needsAttention.items[0]).toMatchObject({ id: "ord_attention_1", cinemaId: cinema.id });
    expect(JSON.stringify(res.body)).not.toContain("13800001234");
    const failing = res.body.cinemas.problems.find((c: Json) => c.id === cinema.id);
    expect(failing.sync.status).toBe("failing");
    expect(failing.sync.errors.join(" ")).toMatch(/showtimes|cinema|films/);
    const vendor = res.body.vendors.find((v: Json) => v.accountId === w.accounts.moviefan);
    expect(vendor).toMatchObject({ vendor: "moviefan", status: "errors", accountName: "ops-moviefan" });
    expect(vendor.errorRate).toBeGreaterThanOrEqual(0.2);
    // The other vendors are healthy and stay off the home page.
    expect(res.body.vendors.map((v: Json) => v.vendor)).not.toContain("ykse");
  });
});
