import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode, isTransient } from "../../src/domain/domain-error.js";
import { registerErrorHandling } from "../../src/http/plugins/errors.js";

/** API.md's status for each code a domain refusal can carry: the edge must keep answering these. */
const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  SHOWTIME_CLOSED: 409,
  SEAT_UNAVAILABLE: 409,
  SEAT_RULE_VIOLATION: 409,
  PRICE_CHANGED: 409,
  ORDER_STATE_CONFLICT: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  REFUND_NOT_ALLOWED: 409,
  RATE_LIMITED: 429,
  VENDOR_UNAVAILABLE: 503,
  MEMBER_CARD_INVALID: 404,
  MEMBER_CARD_PASSWORD_WRONG: 422,
  INSUFFICIENT_BALANCE: 422,
  GOODS_UNAVAILABLE: 409,
};

describe("domain errors at the HTTP edge", () => {
  it("answers every domain code as the API.md problem of the same name, with its detail and fields", async () => {
    const app = Fastify();
    registerErrorHandling(app);
    app.get<{ Params: { code: DomainErrorCode } }>("/fail/:code", async (req) => {
      throw new DomainError(req.params.code, `refused: ${req.params.code}`, { seatIds: ["s1"] });
    });
    for (const code of DOMAIN_ERROR_CODES) {
      const res = await app.inject({ method: "GET", url: `/fail/${code}` });
      expect(res.statusCode, code).toBe(STATUS[code]);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code, status: STATUS[code], detail: `refused: ${code}`, seatIds: ["s1"] });
    }
    await app.close();
  });

  it("keeps a refusal without detail free of one, as before", async () => {
    const app = Fastify();
    registerErrorHandling(app);
    app.get("/", async () => {
      throw new DomainError("CONFLICT");
    });
    const body = (await app.inject({ method: "GET", url: "/" })).json();
    expect(body).toMatchObject({ code: "CONFLICT", status: 409, title: "Conflict" });
    expect(body).not.toHaveProperty("detail");
    await app.close();
  });

  it("calls only the vendor's temporary refusals transient (the rest are final answers an idempotent replay repeats)", () => {
    expect(DOMAIN_ERROR_CODES.filter(isTransient).sort()).toEqual(["RATE_LIMITED", "VENDOR_UNAVAILABLE"]);
  });
});
