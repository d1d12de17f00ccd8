import { describe, expect, it } from "vitest";
import { type Json, newKey } from "../orders/harness.js";
import { cardWorld, demoAccounts } from "./world.js";

const BALANCE = "ykse.partner.card.queryBalance";
const RECHARGE = "ykse.partner.card.recharge";
const REGISTER = "ykse.partner.card.registerCard";

describe("member cards over the channel API (ykse simulator)", () => {
  const w = cardWorld();
  const demo = () => w.cards.find((c) => c.password === "123456") ?? (w.cards[0] as (typeof w.cards)[number]);
  const verify = (cardNo: string, password: string) =>
    w.api.post<Json>("/v1/member-cards/verify", { cinemaId: w.cinemaId, cardNo, password });

  it("lists the cinema's grades with their minimum recharge", async () => {
    const res = await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/member-card-grades`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const g of res.body.items) {
      expect(g).toMatchObject({ gradeId: expect.any(String), name: expect.any(String), kind: "stored_value" });
      expect(g.minRechargeFen).toBeGreaterThan(0);
    }
  });

  it("verifies a card: a stable handle, the number masked, the live balance", async () => {
    const card = demo();
    const res = await verify(card.cardNo, card.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cardRef: expect.stringMatching(/^mc_/),
      cardNoMasked: `${"*".repeat(card.cardNo.length - 4)}${card.cardNo.slice(-4)}`,
      gradeId: card.gradeId,
      status: "active",
      balanceFen: card.balanceFen,
    });
    expect(JSON.stringify(res.body)).not.toContain(card.cardNo);
    const again = await verify(card.cardNo, card.password);
    expect(again.body.cardRef).toBe(res.body.cardRef);
    const live = await w.api.get<Json>(`/v1/member-cards/${res.body.cardRef}`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ cardRef: res.body.cardRef, gradeId: card.gradeId, status: "active" });
  });

  it("a wrong password is MEMBER_CARD_PASSWORD_WRONG, sent to the vendor exactly once", async () => {
    const card = demo();
    const wrong = card.password === "000000" ? "111111" : "000000";
    const before = w.callCount(BALANCE);
    const res = await verify(card.cardNo, wrong);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("MEMBER_CARD_PASSWORD_WRONG");
    expect(w.callCount(BALANCE) - before).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain(wrong);
  });

  it("a card of another cinema is MEMBER_CARD_INVALID", async () => {
    const res = await verify(w.foreignCard.cardNo, w.foreignCard.password);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("MEMBER_CARD_INVALID");
  });

  it("a lost, cancelled or expired card is MEMBER_CARD_INVALID with the reason, and its password is never sent", async () => {
    const card = w.cards[1] ?? demo();
    try {
      for (const status of ["lost", "cancelled", "expired"]) {
        expect((await w.control("PUT", `/_control/member-cards/${card.cardNo}/status`, { status })).status).toBe(200);
        const before = w.callCount(BALANCE);
        const res = await verify(card.cardNo, card.password);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: "MEMBER_CARD_INVALID", reason: status });
        expect(w.callCount(BALANCE)).toBe(before);
      }
    } finally {
      await w.control("PUT", `/_control/member-cards/${card.cardNo}/status`, { status: "active" });
    }
  });

  it("an unknown handle or card is MEMBER_CARD_INVALID; bad input is a 400", async () => {
    expect((await w.api.get<Json>("/v1/member-cards/mc_nosuchhandle")).body.code).toBe("MEMBER_CARD_INVALID");
    const none = await verify("9999999999", "123456");
    expect(none.status).toBe(404);
    expect(none.body.code).toBe("MEMBER_CARD_INVALID");
    const bad = await w.api.post<Json>("/v1/member-cards/verify", {
      cinemaId: w.cinemaId,
      cardNo: "1",
      password: "12",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
  });

  it("refuses a recharge below the grade's minimum before calling the vendor", async () => {
    const card = demo();
    const ref = (await verify(card.cardNo, card.password)).body.cardRef;
    const grade = (await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/member-card-grades`)).body.items.find(
      (g: Json) => g.gradeId === card.gradeId,
    );
    const before = w.callCount(RECHARGE);
    const res = await w.api.post<Json>(
      `/v1/member-cards/${ref}/recharge`,
      { amountFen: grade.minRechargeFen - 1, payment: { method: "wechat", tradeNo: "wx-low" } },
      { "idempotency-key": newKey() },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", minRechargeFen: grade.minRechargeFen });
    expect(res.body.detail).toContain((grade.minRechargeFen / 100).toFixed(2));
    expect(w.callCount(RECHARGE)).toBe(before);
  });

  it("recharges once per Idempotency-Key, and the records show it", async () => {
    const card = demo();
    const ref = (await verify(card.cardNo, card.password)).body.cardRef;
    const balanceOf = () => w.balanceAt(card.cardNo);
    const start = await balanceOf();
    const key = newKey();
    const body = { amountFen: 50_000, payment: { method: "wechat", tradeNo: "wx-recharge-1" } };
    const first = await w.api.post<Json>(`/v1/member-cards/${ref}/recharge`, body, { "idempotency-key": key });
    expect(first.status).toBe(200);
    expect(first.body.balanceFen).toBe(start + 50_000);
    const replay = await w.api.post<Json>(`/v1/member-cards/${ref}/recharge`, body, { "idempotency-key": key });
    expect(replay.body).toEqual(first.body);
    expect(await balanceOf()).toBe(start + 50_000);
    const tx = await w.api.get<Json>(`/v1/member-cards/${ref}/transactions`);
    expect(tx.status).toBe(200);
    expect(tx.body.items).toContainEqual(expect.objectContaining({ kind: "recharge", amountFen: 50_000 }));
  });

  it("a recharge whose answer is lost is resolved by the vendor's order query, never sent twice", async () => {
    const card = demo();
    const ref = (await verify(card.cardNo, card.password)).body.cardRef;
    const balanceOf = () => w.balanceAt(card.cardNo);
    const start = await balanceOf();
    const before = w.callCount(RECHARGE);
    w.sims.faults.ykse.update({ calls: { [RECHARGE]: { lostResponseRate: 1 } } });
    try {
      const res = await w.api.post<Json>(
        `/v1/member-cards/${ref}/recharge`,
        { amountFen: 20_000, payment: { method: "alipay", tradeNo: "ali-lost-1" } },
        { "idempotency-key": newKey() },
      );
      expect(res.status).toBe(200);
      // The order query (§7.11) carries no balance, so this answer has none rather than a guess.
      expect(res.body.balanceFen).toBeUndefined();
    } finally {
      w.sims.faults.ykse.update({ calls: {} });
    }
    expect(w.callCount(RECHARGE) - before).toBe(1);
    expect(await balanceOf()).toBe(start + 20_000);
  });

  it("transactions refuse a range beyond the vendor's 90 days", async () => {
    const card = demo();
    const ref = (await verify(card.cardNo, card.password)).body.cardRef;
    const res = await w.api.get<Json>(`/v1/member-cards/${ref}/transactions?from=2020-01-01&to=2020-12-31`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
  });

  it("registers a card with a first recharge once per key, then verifies it with its password", async () => {
    const grade = (await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/member-card-grades`)).body.items[0];
    const key = newKey();
    const body = {
      cinemaId: w.cinemaId,
      gradeId: grade.gradeId,
      holder: { name: "张三", mobile: "13800138000" },
      password: "864209",
      initialRechargeFen: grade.minRechargeFen,
      payment: { method: "wechat", tradeNo: "wx-register-1" },
    };
    const low = await w.api.post<Json>(
      "/v1/member-cards",
      { ...body, initialRechargeFen: grade.minRechargeFen - 1 },
      { "idempotency-key": newKey() },
    );
    expect(low).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", minRechargeFen: grade.minRechargeFen },
    });
    const registers = w.callCount(REGISTER);
    const res = await w.api.post<Json>("/v1/member-cards", body, { "idempotency-key": key });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ gradeId: grade.gradeId, status: "active", balanceFen: grade.minRechargeFen });
    const replay = await w.api.post<Json>("/v1/member-cards", body, { "idempotency-key": key });
    expect(replay.status).toBe(200);
    expect(replay.body.cardRef).toBe(res.body.cardRef);
    expect(w.callCount(REGISTER) - registers).toBe(1);
    const listed = ((await w.control("GET", "/_control/member-cards")).body.items as Json[]).find(
      (c) => c.password === "864209",
    );
    expect(listed).toMatchObject({ cinemaLinkId: w.cinemaCode, balanceFen: grade.minRechargeFen });
    expect((await verify(listed.cardNo, "864209")).body.cardRef).toBe(res.body.cardRef);
  });

  it("lists the cinema's goods", async () => {
    const res = await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/goods`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const g of res.body.items) {
      expect(g.id).toMatch(/^[gp]_/);
      expect(g.saleFen).toBeGreaterThan(0);
      expect(["single", "package"]).toContain(g.kind);
    }
  });

  it("a cinema outside the channel is a 404; a system without member cards a 409 not_supported", async () => {
    const other = w.sims.dataset.cinemas.find((c) => c.vendor === "ykse" && c.internalCode !== w.cinemaCode)!;
    const hidden = await w.admin("POST", "/admin/cinemas", {
      vendorAccountId: w.ykseAccountId,
      vendorCinemaId: other.internalCode,
      channels: [],
    });
    expect(hidden.status).toBe(201);
    expect((await w.api.get<Json>(`/v1/cinemas/${hidden.body.id}/member-card-grades`)).status).toBe(404);
    expect((await w.api.get<Json>(`/v1/cinemas/${hidden.body.id}/goods`)).status).toBe(404);

    const account = await w.admin("POST", "/admin/vendor-accounts", {
      vendor: "moviefan",
      name: "cards-moviefan",
      baseUrl: w.sims.urls.moviefan,
      credentials: demoAccounts.moviefan,
    });
    const mf = w.sims.dataset.cinemas.find((c) => c.vendor === "moviefan")!;
    const cinema = await w.admin("POST", "/admin/cinemas", {
      vendorAccountId: account.body.id,
      vendorCinemaId: mf.internalCode,
      channels: ["demo"],
    });
    for (const path of [`/v1/cinemas/${cinema.body.id}/member-card-grades`, `/v1/cinemas/${cinema.body.id}/goods`]) {
      const res = await w.api.get<Json>(path);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: "CONFLICT", reason: "not_supported" });
    }
    const verifyThere = await w.api.post<Json>("/v1/member-cards/verify", {
      cinemaId: cinema.body.id,
      cardNo: "1000000000",
      password: "123456",
    });
    expect(verifyThere.body).toMatchObject({ code: "CONFLICT", reason: "not_supported" });
  });
});

describe("the OpenAPI document", () => {
  const w = cardWorld();

  it("has every card route with its schema and an example", async () => {
    const doc = (await (await fetch(new URL("/v1/openapi.json", w.t.baseUrl))).json()) as Json;
    const paths = [
      ["/v1/cinemas/{cinemaId}/member-card-grades", "get"],
      ["/v1/member-cards/verify", "post"],
      ["/v1/member-cards/{cardRef}", "get"],
      ["/v1/member-cards", "post"],
      ["/v1/member-cards/{cardRef}/recharge", "post"],
      ["/v1/member-cards/{cardRef}/transactions", "get"],
      ["/v1/cinemas/{cinemaId}/goods", "get"],
      ["/v1/benefit-card-policies", "get"],
      ["/v1/benefit-cards", "post"],
      ["/v1/benefit-cards/{cardNo}", "get"],
      ["/v1/benefit-cards/{cardNo}/renew", "post"],
    ] as const;
    for (const [path, method] of paths) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      const text = JSON.stringify(op);
      expect(text, `${method} ${path} has an example`).toMatch(/"examples?"/);
      // A password is a request field only.
      const ok = JSON.stringify(op.responses["200"] ?? op.responses["201"]);
      expect(ok).not.toMatch(/"password"/);
    }
  });
});
