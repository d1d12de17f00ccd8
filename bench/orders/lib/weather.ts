import type { FaultConfig, FaultController } from "../../../simulators/src/core/faults.js";
import type { SeatVendor } from "./trade.js";

/** Each seat vendor's own call names for its lock and confirm (see each simulator's README). */
const CALLS: Record<SeatVendor, { lock: string; confirm: string }> = {
  ykse: { lock: "ykse.partner.seat.lockSeats", confirm: "ykse.partner.order.confirmOrder" },
  vista: { lock: "AddTickets", confirm: "CompleteOrder" },
  moviefan: { lock: "lockSeats", confirm: "submitOrder" },
};

type Patch = Pick<FaultConfig, "default" | "calls" | "slowIssueMinutes" | "slowIssueOutcome">;

const calm = (): Patch => ({ default: {}, calls: {}, slowIssueMinutes: 0, slowIssueOutcome: "success" });

/**
 * A failure the confirm call itself must not see at VISTA and Moviefan within a ~20-minute run:
 * an errored or refused-by-outage confirm there is settled by the vendor's long timetable (VISTA
 * §2.2: 15 status queries, then cancel, ~17 minutes to FAILED; Moviefan: query until the showtime,
 * hours, then needsAttention — see docs/benchmarks.md). Lost answers stay on: they are the
 * ambiguous case, settled by the first query. ykse retries its confirm every minute, so it keeps all.
 */
function spareConfirm(v: SeatVendor): Patch["calls"] {
  return v === "ykse" ? {} : { [CALLS[v].confirm]: { errorRate: 0, timeoutRate: 0, down: false } };
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
    patch: (v) => ({ ...calm(), calls: { [CALLS[v].confirm]: { lostResponseRate: 0.5 } } }),
  },
  lostLock: { weight: 8, patch: (v) => ({ ...calm(), calls: { [CALLS[v].lock]: { lostResponseRate: 0.25 } } }) },
  flaky: {
    weight: 15,
    patch: (v) => ({ ...calm(), default: { timeoutRate: 0.1, errorRate: 0.1 }, calls: spareConfirm(v) }),
  },
  slowIssue: {
    weight: 15,
    patch: (v, r) => ({
      ...calm(),
      slowIssueMinutes: r() < 0.5 ? 1 : 2,
      // A failed slow issue ends at the next query only at Moviefan (status 40); ykse and VISTA
      // settle it by their reversal / 15-query timetables (13–17 minutes).
      slowIssueOutcome: v === "moviefan" && r() < 0.4 ? "fail" : "success",
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
