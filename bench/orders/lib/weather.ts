import { simulators } from "../../../simulators/src/all.js";
import type { SimulatorDescriptor } from "../../../simulators/src/core/descriptor.js";
import type { FaultConfig, FaultController } from "../../../simulators/src/core/faults.js";
import type { SeatVendor } from "./trade.js";

/** Each seat vendor's own call names for its lock and confirm, from its simulator descriptor. */
function callsOf(v: SeatVendor): { lock: string; confirm: string } {
  const calls = (simulators as readonly SimulatorDescriptor[]).find((s) => s.id === v)?.calls;
  if (!calls) throw new Error(`simulator ${v} names no lock/confirm calls for the chaos weather`);
  return calls;
}

type Patch = Pick<FaultConfig, "default" | "calls" | "slowIssueMinutes" | "slowIssueOutcome">;

const calm = (): Patch => ({ default: {}, calls: {}, slowIssueMinutes: 0, slowIssueOutcome: "success" });

/**
 * CHAOS_FULL_FAULTS=1 switches on what is otherwise spared, because the vendors' documented
 * timetables then take 13–27 minutes to reach a final state (the settle budget covers them):
 * errors, timeouts and outages on the confirm call at VISTA and Moviefan (VISTA §2.2: one confirm
 * retry, 15 status queries, cancel; Moviefan: submit again while the unpaid lock lives) and slow
 * issues that end in failure at ykse and VISTA (ykse §10: reversal from minute 13).
 */
const FULL = process.env.CHAOS_FULL_FAULTS === "1";
// The vendor names below stay: which faults are spared follows each vendor's documented recovery
// timetable, a judgement per vendor rather than a list entry (a new vendor's weather is a decision).

/**
 * Lost answers stay on in every case: they are the ambiguous one, settled by the first query.
 * 鼎新 (seat/lock-buy) is spared like VISTA and Moviefan: an error or timeout there is settled by
 * order/ticket-flag ("no such order" while the lock lives → the sale is made again), within its
 * 10-minute lock; with FULL it gets them too.
 * 1905 is spared like Moviefan: its sale is made again only when GetOrderStatus shows the lock
 * still unsold (OrderStatus 0), which outages on the sale call would stretch past the lock's life.
 * 火烈鸟 5.0 / YXT (huolieniao5) is spared the same way: submitOrder is made again only when
 * queryOrder shows the order unpaid (status 1), within its 15-minute lock.
 */
function spareConfirm(v: SeatVendor): Patch["calls"] {
  const spared = { [callsOf(v).confirm]: { errorRate: 0, timeoutRate: 0, down: false } };
  // 辰星 (chenxing): no published OrderStatus for "locked, never submitted", and SubmitOrder is never
  // resent (docs/vendors/chenxing.md, "Recovery"): a confirm that did not reach it stays pending for
  // 20 status queries and then goes to needsAttention. Its confirm is spared even with FULL; lost answers stay on.
  if (v === "chenxing") return spared;
  // 火烈鸟 1.5 (huolieniao): the same — no QueryOrder state for "locked, never submitted" and
  // SubmitSCTSOrder is never resent (docs/vendors/huolieniao.md, "Recovery"). Spared even with FULL.
  if (v === "huolieniao") return spared;
  // 火凤凰 asmx (huofenghuang): the same — qryOrder's statusInd 0 is both "still issuing" and "locked,
  // never sold", and fixCashOrder is never resent (docs/vendors/huofenghuang.md, "Recovery").
  if (v === "huofenghuang") return spared;
  // 凤凰云智 (yunzhi) runs ykse's code and timetable (confirm again each minute), so it gets ykse's weather.
  return FULL || v === "ykse" || v === "yunzhi" ? {} : spared;
}

/**
 * The fault "weather" a vendor can be in for a few seconds. Chosen so that most orders settle on
 * the first recovery step (a lost confirm is answered by the next confirm or query a minute later)
 * and slow issues last one or two minutes: the vendors' real timetables then fit a ~20-minute run.
 */
export const SCENARIOS: Record<string, { weight: number; patch: (v: SeatVendor, r: () => number) => Patch }> = {
  calm: { weight: 25, patch: calm },
  lostConfirm: {
    weight: 15,
    patch: (v) => ({ ...calm(), calls: { [callsOf(v).confirm]: { lostResponseRate: 0.5 } } }),
  },
  lostLock: { weight: 8, patch: (v) => ({ ...calm(), calls: { [callsOf(v).lock]: { lostResponseRate: 0.25 } } }) },
  flaky: {
    weight: 15,
    patch: (v) => ({ ...calm(), default: { timeoutRate: 0.1, errorRate: 0.1 }, calls: spareConfirm(v) }),
  },
  slowIssue: {
    weight: 15,
    patch: (v, r) => ({
      ...calm(),
      slowIssueMinutes: r() < 0.5 ? 1 : 2,
      // A failed slow issue ends at the next query only at Moviefan (status 40), 辰星 (OrderStatus 1),
      // 满天星 (OrderStatus 6) and 1905 (OrderStatus 6); ykse and VISTA settle it by their reversal /
      // 15-query timetables (13–17 minutes): only with FULL. 满天星's SellTicket keeps its errors,
      // timeouts and outages spared like Moviefan's: its recovery only queries, and a SellTicket that
      // never arrived is made again only while the vendor still holds the lock (docs/vendors/mantianxing.md).
      // 鼎新: never — the refs name no failed order status, so the connector keeps anything but
      // `success` pending until the show (docs/vendors/dingxin.md); a failed slow issue there
      // is a needsAttention order by design, not weather. 火烈鸟 5.0 / YXT ends one at the next
      // queryOrder (status 5, failed). 火烈鸟 1.5's QueryOrder shows no failed state
      // (docs/vendors/huolieniao.md), so its slow issues always succeed. 火凤凰 asmx: a statusInd
      // other than 0 / 1 is failed (CEC's mapping), so its failed slow issues end at the next qryOrder.
      slowIssueOutcome:
        (FULL || ["moviefan", "chenxing", "mantianxing", "m1905", "huolieniao5", "huofenghuang"].includes(v)) &&
        v !== "dingxin" &&
        v !== "huolieniao" &&
        r() < 0.4
          ? "fail"
          : "success",
    }),
  },
  outage: { weight: 12, patch: (v) => ({ ...calm(), default: { down: true }, calls: spareConfirm(v) }) },
  slow: { weight: 10, patch: () => ({ ...calm(), default: { latencyMs: 200, jitterMs: 1200 } }) },
};

export function pickScenario(r: () => number): string {
  const total = Object.values(SCENARIOS).reduce((s, x) => s + x.weight, 0);
  let x = r() * total;
  for (const [name, s] of Object.entries(SCENARIOS)) {
    x -= s.weight;
    if (x < 0) return name;
  }
  return "calm";
}

export function applyScenario(ctl: FaultController, vendor: SeatVendor, name: string, r: () => number): void {
  ctl.update(SCENARIOS[name]!.patch(vendor, r));
}

export function applyCalm(ctl: FaultController): void {
  ctl.update(calm());
}

/** Counts every verdict a simulator hands out (ok, lost, timeout, down, …) for the report. */
export function countVerdicts(ctl: FaultController): Record<string, number> {
  const counts: Record<string, number> = {};
  const decide = ctl.decide.bind(ctl);
  ctl.decide = (call, realNow) => {
    const verdict = decide(call, realNow);
    counts[verdict.action] = (counts[verdict.action] ?? 0) + 1;
    return verdict;
  };
  return counts;
}
