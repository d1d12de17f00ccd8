import { describe, expect, it } from "vitest";
import { type Json, newKey } from "../orders/harness.js";
import { createConsoleUser, login } from "../support/console.js";
import { cardWorld } from "./world.js";

describe("console 会员 look-up (admin API)", () => {
  const w = cardWorld();

  it("shows a card at a cinema with its records, holder data masked, and the cinema's grades and goods", async () => {
    const card = w.cards.find((c) => c.password === "123456") ?? (w.cards[0] as (typeof w.cards)[number]);
    const ref = (
      await w.api.post<Json>("/v1/member-cards/verify", {
        cinemaId: w.cinemaId,
        cardNo: card.cardNo,
        password: card.password,
      })
    ).body.cardRef;
    await w.api.post<Json>(
      `/v1/member-cards/${ref}/recharge`,
      { amountFen: 50_000, payment: { method: "wechat", tradeNo: "wx-console-1" } },
      { "idempotency-key": newKey() },
    );
    const res = await w.admin("GET", `/admin/cinemas/${w.cinemaId}/member-cards/${card.cardNo}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      gradeId: card.gradeId,
      status: "active",
      cardNoMasked: expect.stringMatching(/^\*+\d{4}$/),
    });
    expect(res.body.records.items).toContainEqual(expect.objectContaining({ kind: "recharge", amountFen: 50_000 }));
    expect(res.body.lastBalance.fen).toBe(card.balanceFen + 50_000);
    expect(res.body.holder.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(card.cardNo);
    expect(text).not.toContain(card.password);

    const overview = await w.admin("GET", `/admin/cinemas/${w.cinemaId}/member-overview`);
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ memberCards: true, concessions: true });
    expect(overview.body.grades.length).toBeGreaterThan(0);
    expect(overview.body.goods.length).toBeGreaterThan(0);

    const audit = await w.t.db.selectFrom("audit_log").selectAll().where("action", "=", "member_card.lookup").execute();
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit)).not.toContain(card.cardNo);
  });

  it("a lost card is shown with its status; an unknown one is MEMBER_CARD_INVALID", async () => {
    const card = w.cards[2] ?? w.cards[0]!;
    await w.control("PUT", `/_control/member-cards/${card.cardNo}/status`, { status: "lost" });
    try {
      const res = await w.admin("GET", `/admin/cinemas/${w.cinemaId}/member-cards/${card.cardNo}`);
      expect(res.body).toMatchObject({ status: "lost", usable: false });
    } finally {
      await w.control("PUT", `/_control/member-cards/${card.cardNo}/status`, { status: "active" });
    }
    const none = await w.admin("GET", `/admin/cinemas/${w.cinemaId}/member-cards/9999999999`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe("MEMBER_CARD_INVALID");
  });

  it("an operator sees only their cinemas", async () => {
    const card = w.cards[0]!;
    const other = await createConsoleUser(w.t, "op.elsewhere", "cinema_operator", ["cin_not_this_one"]);
    const mine = await createConsoleUser(w.t, "op.here", "cinema_operator", [w.cinemaId]);
    const outsider = await login(w.t.baseUrl, other.username, other.password);
    const insider = await login(w.t.baseUrl, mine.username, mine.password);
    for (const path of [
      `/admin/cinemas/${w.cinemaId}/member-cards/${card.cardNo}`,
      `/admin/cinemas/${w.cinemaId}/member-overview`,
    ]) {
      expect((await outsider.request("GET", path)).status).toBe(404);
      expect((await insider.request("GET", path)).status).toBe(200);
    }
  });
});
