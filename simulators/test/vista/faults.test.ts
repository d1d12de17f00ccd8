import { describe, expect, it } from "vitest";
import { demoAccounts } from "../../src/core/accounts.js";
import { createSimClock } from "../../src/core/clock.js";
import { FaultController } from "../../src/core/faults.js";
import { createVistaSimulator } from "../../src/vista/index.js";
import { harnessPerTest, W } from "./fixture.js";

const h = harnessPerTest();

describe("faults", () => {
  it("rate limit: HTTP 429 with CINEMA_RATE_LIMIT_EXCEEDED in the call's own result shape", async () => {
    h.ctx.faults.update({ rateLimitPerSecond: 2 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/10001/tickets`)).statusCode);
    expect(codes).toEqual([200, 200, 429, 429]);
    const limited = await h.post(`${W}/RestTicketing.svc/order`, { UserSessionId: "x" });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ Result: 1, ErrorDescription: "CINEMA_RATE_LIMIT_EXCEEDED" });
    const odata = await h.get(`${W}/OData.svc/Cinemas?$format=json`);
    expect(odata.statusCode).toBe(429);
    expect(odata.json()["odata.error"].code).toBe("CINEMA_RATE_LIMIT_EXCEEDED");
    expect(h.ctx.faults.rateLimitedCount).toBe(4);
  });

  it("down: HTTP 503 with CinemaConnectError (5)", async () => {
    h.ctx.faults.update({ calls: { GetSessionSeatPlan: { down: true } } });
    const res = await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/10001/seat-plan`);
    expect(res.statusCode).toBe(503);
    expect(res.json().ResponseCode).toBe(5);
  });
});

describe("real HTTP with the generated data set", () => {
  it("serves the generated vista cinemas over 127.0.0.1", async () => {
    const { generateDataset } = await import("../../src/dataset/generate.js");
    const dataset = generateDataset({ cinemas: 6, days: 2 });
    const app = await createVistaSimulator({
      dataset,
      clock: createSimClock(dataset.baseTime),
      faults: new FaultController(1),
      logger: false,
    });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const headers = { connectapitoken: demoAccounts.vista.token, accept: "application/json" };
      const cinemas = (await (await fetch(`${address}${W}/OData.svc/Cinemas?$format=json`, { headers })).json()) as {
        value: { ID: string }[];
      };
      const vista = dataset.cinemas.filter((c) => c.vendor === "vista");
      expect(cinemas.value.map((c) => c.ID)).toEqual(vista.map((c) => c.internalCode));
      const cinemaId = cinemas.value[0]!.ID;
      const films = (await (
        await fetch(
          `${address}${W}/OData.svc/GetNowShowingScheduledFilms?$format=json&cinemaId='${cinemaId}'&$expand=Sessions`,
          {
            headers,
          },
        )
      ).json()) as { value: { Sessions: { SessionId: string }[] }[] };
      const sessionId = films.value[0]!.Sessions[0]!.SessionId;
      const plan = (await (
        await fetch(`${address}${W}/RESTData.svc/cinemas/${cinemaId}/sessions/${sessionId}/seat-plan`, { headers })
      ).json()) as { ResponseCode: number; SeatLayoutData: { Areas: unknown[] } | null };
      expect([0, 67]).toContain(plan.ResponseCode);
      const tickets = (await (
        await fetch(`${address}${W}/RESTData.svc/cinemas/${cinemaId}/sessions/${sessionId}/tickets`, { headers })
      ).json()) as { ResponseCode: number; Tickets: { PriceInCents: number }[] };
      expect(tickets.ResponseCode).toBe(0);
      expect(tickets.Tickets.every((t) => Number.isInteger(t.PriceInCents) && t.PriceInCents > 0)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
