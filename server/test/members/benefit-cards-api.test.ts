import { describe, expect, it } from "vitest";
import { type Json, newKey } from "../orders/harness.js";
import { cardWorld } from "./world.js";

describe("benefit cards over the channel API (ykse simulator)", () => {
  const w = cardWorld();

  it("lists policies with the channel's cinemas, registers once per key, reads and renews a card", async () => {
    const policies = await w.api.get<Json>("/v1/benefit-card-policies");
    expect(policies.status).toBe(200);
    const policy = (policies.body.items as Json[]).find((p) => p.enabled && p.registerFen !== undefined && p.renewFen);
    expect(policy).toBeDefined();
    expect(policy.cinemaIds).toContain(w.cinemaId);
    const scoped = await w.api.get<Json>(`/v1/benefit-card-policies?cinemaId=${w.cinemaId}`);
    expect(scoped.body.items.map((p: Json) => p.policyCode)).toContain(policy.policyCode);

    const key = newKey();
    const body = {
      cinemaId: w.cinemaId,
      policyCode: policy.policyCode,
      mobile: "13700137000",
      payment: { method: "wechat", tradeNo: "wx-benefit-1" },
    };
    const created = await w.api.post<Json>("/v1/benefit-cards", body, { "idempotency-key": key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      policyCode: policy.policyCode,
      status: "active",
      mobileMasked: "137****7000",
    });
    expect(JSON.stringify(created.body)).not.toContain("13700137000");
    const replay = await w.api.post<Json>("/v1/benefit-cards", body, { "idempotency-key": key });
    expect(replay.status).toBe(200);
    expect(replay.body.cardNo).toBe(created.body.cardNo);

    const read = await w.api.get<Json>(`/v1/benefit-cards/${created.body.cardNo}?cinemaId=${w.cinemaId}`);
    expect(read.status).toBe(200);
    expect(read.body.cardNo).toBe(created.body.cardNo);

    const renewed = await w.api.post<Json>(
      `/v1/benefit-cards/${created.body.cardNo}/renew`,
      { cinemaId: w.cinemaId, mobile: "13700137000", payment: { method: "wechat", tradeNo: "wx-benefit-2" } },
      { "idempotency-key": newKey() },
    );
    expect(renewed.status).toBe(200);
    expect(renewed.body.validUntil > (read.body.validUntil ?? "")).toBe(true);
  });

  it("an unknown benefit card is MEMBER_CARD_INVALID; a missing cinemaId is a 400", async () => {
    const none = await w.api.get<Json>(`/v1/benefit-cards/NOSUCHCARD1?cinemaId=${w.cinemaId}`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe("MEMBER_CARD_INVALID");
    expect((await w.api.get<Json>("/v1/benefit-cards/NOSUCHCARD1")).status).toBe(400);
  });
});
