import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { type Json, newKey } from "../orders/harness.js";
import { cardWorld } from "./world.js";

/** A 6-digit password as a whole number in text (not a piece of a longer number). */
const whole = (digits: string) => new RegExp(`(?<![0-9])${digits}(?![0-9])`);

describe("card passwords and card numbers stay secret through a whole card flow", () => {
  const w = cardWorld();

  it("no password in any log line, recorded vendor call, response or database row; no full card number in logs", async () => {
    const card = w.cards.find((c) => c.password === "123456") ?? (w.cards[0] as (typeof w.cards)[number]);
    const newPassword = "864209";
    const wrong = card.password === "975310" ? "975311" : "975310";
    const responses: Json[] = [];
    const keep = <T extends { body: Json }>(res: T) => {
      responses.push(res.body);
      return res;
    };

    const verified = keep(
      await w.api.post<Json>("/v1/member-cards/verify", {
        cinemaId: w.cinemaId,
        cardNo: card.cardNo,
        password: card.password,
      }),
    );
    expect(verified.status).toBe(200);
    const ref = verified.body.cardRef;
    keep(
      await w.api.post<Json>("/v1/member-cards/verify", { cinemaId: w.cinemaId, cardNo: card.cardNo, password: wrong }),
    );
    keep(
      await w.api.post<Json>(
        `/v1/member-cards/${ref}/recharge`,
        { amountFen: 30_000, payment: { method: "wechat", tradeNo: "wx-secret-1" } },
        { "idempotency-key": newKey() },
      ),
    );
    const grade = (await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/member-card-grades`)).body.items[0];
    // The register's answer is lost: the order query resolves it, and the password travels once.
    w.sims.faults.ykse.update({ calls: { "ykse.partner.card.registerCard": { lostResponseRate: 1 } } });
    let registered: { status: number; body: Json };
    try {
      registered = keep(
        await w.api.post<Json>(
          "/v1/member-cards",
          {
            cinemaId: w.cinemaId,
            gradeId: grade.gradeId,
            holder: { name: "李四", mobile: "13900139000" },
            password: newPassword,
            initialRechargeFen: 0,
            payment: { method: "other", tradeNo: "pos-secret-1" },
          },
          { "idempotency-key": newKey() },
        ),
      );
    } finally {
      w.sims.faults.ykse.update({ calls: {} });
    }
    expect(registered.status).toBe(201);
    expect(w.callCount("ykse.partner.card.registerCard")).toBe(1);
    const newCard = ((await w.control("GET", "/_control/member-cards")).body.items as Json[]).find(
      (c) => c.password === newPassword,
    );
    expect(newCard).toBeDefined();
    keep(await w.api.get<Json>(`/v1/member-cards/${registered.body.cardRef}/transactions`));
    keep(await w.api.get<Json>(`/v1/member-cards/${ref}`));

    const passwords = [card.password, wrong, newPassword].map(whole);
    const cardNumbers = [card.cardNo, newCard.cardNo];

    // Logs: no password, no full card number, no full mobile.
    expect(w.t.logs.length).toBeGreaterThan(0);
    for (const line of w.t.logs) {
      for (const p of passwords) expect(line).not.toMatch(p);
      for (const n of cardNumbers) expect(line).not.toContain(n);
      expect(line).not.toContain("13900139000");
    }

    // Recorded vendor calls: the password (plain and encrypted) masked; the card calls were recorded.
    const calls = w.t.catalog.calls.recent((r) => r.call.includes(".card."), 2000);
    expect(calls.some((c) => c.call === "ykse.partner.card.registerCard")).toBe(true);
    expect(calls.some((c) => c.call === "ykse.partner.card.queryBalance")).toBe(true);
    let passwordFields = 0;
    for (const c of calls) {
      for (const p of passwords) {
        expect(c.request).not.toMatch(p);
        expect(c.response).not.toMatch(p);
      }
      // ykse requests are form-encoded: read the JSON `data` parameter as the vendor would.
      const data = new URLSearchParams(c.request).get("data") ?? "";
      for (const m of data.matchAll(/"(?:cardPassword|oldPassword|newPassword)"\s*:\s*"([^"]*)"/g)) {
        expect(m[1]).toBe("***");
        passwordFields++;
      }
    }
    expect(passwordFields).toBeGreaterThanOrEqual(3);

    // Responses: no password, card numbers masked.
    for (const body of responses) {
      const text = JSON.stringify(body);
      for (const p of passwords) expect(text).not.toMatch(p);
      for (const n of cardNumbers) expect(text).not.toContain(n);
    }

    // The database: every row of every table.
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      w.t.db,
    );
    expect(tables.rows.length).toBeGreaterThan(5);
    for (const { table_name } of tables.rows) {
      const rows = await sql`select * from ${sql.table(table_name)}`.execute(w.t.db);
      const text = JSON.stringify(rows.rows);
      for (const p of passwords) expect(text, table_name).not.toMatch(p);
    }
  });
});
