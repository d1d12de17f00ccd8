import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createLingdongConnector } from "../../../src/vendors/lingdong/index.js";
import type { VoucherCinema, VoucherConnector } from "../../../src/vendors/vouchers.js";

let sims: RunningSimulators;
beforeAll(async () => {
  sims = await startSimulators({ seed: 5, cinemas: 10, days: 2 });
});
afterAll(() => sims.close());

const connectors: VoucherConnector[] = [];
afterAll(async () => {
  for (const c of connectors) await c.close();
});

for (const format of ["xml", "json"] as const) {
  describe(`Lingdong vouchers against the simulator (${format})`, () => {
    let ld: VoucherConnector;
    let recorder: RingCallRecorder;
    let cinema: VoucherCinema;
    const order = (n: string) => `vo_${format}_${n}`;

    beforeAll(() => {
      recorder = new RingCallRecorder(200);
      ld = createLingdongConnector({
        baseUrl: sims.urls.lingdong,
        accountId: `lingdong-${format}`,
        credentials: { ...demoAccounts.lingdong },
        format,
        clock: sims.clocks.lingdong,
        recorder,
      });
      connectors.push(ld);
    });

    it("walks cities → regions → cinemas with prices", async () => {
      const cities = await ld.listCities();
      expect(cities.ok).toBe(true);
      if (!cities.ok) return;
      expect(cities.value.length).toBeGreaterThan(0);
      for (const city of cities.value) {
        const regions = await ld.listRegions(city.cityId);
        if (!regions.ok || regions.value.length === 0) continue;
        const cinemas = await ld.listCinemasByRegion(regions.value[0]!.regionId);
        if (cinemas.ok && cinemas.value.length > 0) {
          cinema = cinemas.value[0]!;
          break;
        }
      }
      expect(cinema).toBeDefined();
      expect(cinema.vendorCinemaId).toMatch(/^\d{8}$/);
      expect(Number.isSafeInteger(cinema.priceFen) && cinema.priceFen > 0).toBe(true);
    });

    it("buy by cinema → activate after payment → status", async () => {
      const bought = await ld.buyByCinema({
        orderId: order("c1"),
        vendorCinemaId: cinema.vendorCinemaId,
        count: 2,
        mobile: "13800138000",
      });
      expect(bought.ok).toBe(true);
      if (!bought.ok) return;
      expect(bought.value).toMatchObject({
        status: "inactive",
        vendorCinemaId: cinema.vendorCinemaId,
        count: 2,
        unitPriceFen: cinema.priceFen,
        totalFen: cinema.priceFen * 2,
      });
      const cardNo = bought.value.cardNo;
      const active = await ld.activate({ cardNo, orderId: order("c1") });
      expect(active.ok && active.value.status).toBe("active");
      if (active.ok) expect(active.value.expiresAt).toBeGreaterThan(sims.clocks.lingdong.now());
      const status = await ld.status(cardNo);
      expect(status.ok && status.value).toMatchObject({ cardNo, status: "active", count: 2, usedCount: 0 });
    });

    it("buy by kind → activate → status → ban", async () => {
      const kinds = await ld.listKinds();
      expect(kinds.ok && kinds.value.length).toBeGreaterThan(0);
      if (!kinds.ok) return;
      const kind = kinds.value[0]!;
      const where = await ld.listCinemasByKind(kind.kindId);
      expect(where.ok && where.value.every((c) => c.priceFen === kind.priceFen)).toBe(true);
      const bought = await ld.buyByKind({ orderId: order("k1"), kindId: kind.kindId, count: 1, mobile: "13800138000" });
      if (!bought.ok) throw new Error(bought.error.message);
      expect(bought.value).toMatchObject({ status: "inactive", kindId: kind.kindId, totalFen: kind.priceFen });
      const active = await ld.activate({ cardNo: bought.value.cardNo, orderId: order("k1") });
      expect(active.ok && active.value.status).toBe("active");
      const banned = await ld.ban({ cardNo: bought.value.cardNo, orderId: order("k1") });
      expect(banned.ok && banned.value.status).toBe("banned");
      const status = await ld.status(bought.value.cardNo);
      expect(status.ok && status.value.status).toBe("banned");
    });

    it("activating twice (a retry of the same attempt) settles through status instead of failing", async () => {
      const bought = await ld.buyByCinema({
        orderId: order("c2"),
        vendorCinemaId: cinema.vendorCinemaId,
        count: 1,
        mobile: "13800138000",
      });
      if (!bought.ok) throw new Error(bought.error.message);
      const first = await ld.activate({ cardNo: bought.value.cardNo, orderId: order("c2") });
      const again = await ld.activate({ cardNo: bought.value.cardNo, orderId: order("c2") });
      expect(first.ok && first.value.status).toBe("active");
      expect(again.ok && again.value.status).toBe("active");
    });

    it("a repeated buy attempt is refused by req_id, so it can never make a second card", async () => {
      const req = { orderId: order("c3"), vendorCinemaId: cinema.vendorCinemaId, count: 1, mobile: "13800138000" };
      const first = await ld.buyByCinema(req);
      expect(first.ok).toBe(true);
      const repeat = await ld.buyByCinema(req);
      expect(!repeat.ok && repeat.error).toMatchObject({ code: "order_state", vendorCode: "406" });
      const next = await ld.buyByCinema({ ...req, attempt: 2 });
      expect(next.ok && first.ok && next.value.cardNo !== first.value.cardNo).toBe(true);
    });

    it("unknown card: status not_found", async () => {
      const res = await ld.status("8899999999999999");
      expect(!res.ok && res.error.code).toBe("not_found");
    });

    it("records no md5 key and no full mobile", () => {
      const calls = recorder.recent(() => true, 500);
      expect(calls.length).toBeGreaterThan(5);
      for (const c of calls) {
        expect(c.request + c.response).not.toContain(demoAccounts.lingdong.md5Key);
        expect(c.request + c.response).not.toContain("13800138000");
      }
    });
  });
}

describe("Lingdong errors against the simulator", () => {
  it("wrong md5 key → auth_failed; outage → vendor_unavailable", async () => {
    const bad = createLingdongConnector({
      baseUrl: sims.urls.lingdong,
      accountId: "lingdong-bad",
      credentials: { ...demoAccounts.lingdong, md5Key: "wrong-key-value" },
      clock: sims.clocks.lingdong,
      recorder: new RingCallRecorder(10),
    });
    connectors.push(bad);
    const res = await bad.ping();
    expect(!res.ok && res.error).toMatchObject({ code: "auth_failed", vendorCode: "401" });
    sims.faults.lingdong.update({ default: { down: true } });
    try {
      const down = await bad.listKinds();
      expect(!down.ok && down.error.code).toBe("vendor_unavailable");
    } finally {
      sims.faults.lingdong.reset();
    }
  });
});
