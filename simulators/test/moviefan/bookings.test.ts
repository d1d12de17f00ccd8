import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerControl } from "../../src/control.js";
import type { SimContext } from "../../src/core/context.js";
import { createMoviefanSimulator } from "../../src/moviefan/index.js";
import { signedQuery, testContext } from "./fixture.js";

const MOBILE = "13800138000";

// GET /_control/bookings: the read-only view chaos runs compare with the platform's orders.
describe("Moviefan GET /_control/bookings", () => {
  let ctx: SimContext;
  let app: Awaited<ReturnType<typeof createMoviefanSimulator>>;
  const call = async (name: string, params: Record<string, string>) =>
    (
      await app.inject({
        method: "POST",
        url: `/api/${name}.aspx`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: signedQuery(params),
      })
    ).json();
  const lock = async (seatIDs: string, names: string) =>
    (await call("lockSeats", { showtimeID: "100001", seatIDs, seatNames: names, mobile: MOBILE })).order
      .OrderExternalID as string;
  const bookings = async () =>
    (await app.inject({ method: "GET", url: "/_control/bookings" })).json().bookings as Array<{
      lockId: string;
      orderId?: string;
      state: string;
      seatIds: string[];
      showtimeId: string;
    }>;

  beforeEach(async () => {
    ctx = testContext();
    app = await createMoviefanSimulator(ctx);
    registerControl(app, ctx);
  });
  afterEach(() => app.close());

  it("lists each lock with its seats and what became of it", async () => {
    const held = await lock("2_1", "1排2座");
    const released = await lock("4_1", "1排3座");
    await call("releaseSeats", { orderExternalID: released });
    const sold = await lock("5_1,2_2", "1排4座,2排1座");
    const amount = String(2 * 3500);
    expect((await call("submitOrder", { orderExternalID: sold, mobile: MOBILE, amount })).code).toBe("001");

    const byLock = new Map((await bookings()).map((b) => [b.lockId, b]));
    // Moviefan's view names seats and showtimes by their data-set ids (wire seat 2_1 = r1c2).
    expect(byLock.get(held)).toMatchObject({ state: "locked", seatIds: ["r1c2"], showtimeId: "s1" });
    expect(byLock.get(held)?.orderId).toBeUndefined();
    expect(byLock.get(released)?.state).toBe("released");
    expect(byLock.get(sold)).toMatchObject({ state: "issued", orderId: sold });
    expect(byLock.get(sold)?.seatIds).toHaveLength(2);
  });

  it("shows a paid order waiting for the cinema as pending, then issued; a lapsed lock as expired", async () => {
    const lapsed = await lock("2_1", "1排2座");
    ctx.faults.update({ slowIssueMinutes: 5 });
    const waiting = await lock("4_1", "1排3座");
    await call("submitOrder", { orderExternalID: waiting, mobile: MOBILE, amount: "3500" });
    expect((await bookings()).find((b) => b.lockId === waiting)?.state).toBe("pending");
    ctx.clock.advance(16 * 60_000);
    const byLock = new Map((await bookings()).map((b) => [b.lockId, b.state]));
    expect(byLock.get(lapsed)).toBe("expired");
    // Slow issue of 5 minutes has passed too: issued now.
    expect(byLock.get(waiting)).toBe("issued");
  });
});
