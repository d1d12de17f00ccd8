import { readJson } from "../db/json-column.js";
import type { VendorError } from "../domain/errors.js";
import type { Clock } from "../domain/time.js";
import type { Voucher } from "../vendors/vouchers.js";
import { nextAskAt } from "./activation-timetable.js";
import type { VoucherOrderRow, VoucherOrderStore } from "./voucher-store.js";
import type { VoucherVendors } from "./voucher-vendors.js";

/**
 * The activation's write-ahead record, kept on the order (voucher_orders.activation). `begunAt`
 * is written before payByCard is sent and `finishedAt` after its answer: a begun attempt without a
 * finish was cut off by a crash. Its outcome is unknown, and so is that of an attempt whose answer
 * was lost; both are settled by the vendor's status call — never by sending payByCard again, which
 * only happens (as a new attempt, with a new req_id) once the card is known to be still inactive.
 */
export interface ActivationRecord {
  /** When the channel confirmed: the timetable's origin. */
  startedAt: number;
  /** payByCard attempts begun so far (the req_id is derived from the order id and this number). */
  attempt: number;
  begunAt?: number;
  finishedAt?: number;
  /** How the last attempt ended: "unknown" until the vendor's status says. */
  outcome?: "unknown";
  nextAt: number;
  lastError?: string;
}

export const activationOf = (row: VoucherOrderRow): ActivationRecord | undefined =>
  row.activation ? readJson<ActivationRecord>(row.activation) : undefined;

export interface ActivationDeps {
  clock: Clock;
  store: VoucherOrderStore;
  vendors: VoucherVendors;
}

/** What a step left to do: when to run the next one, or null when the order needs no more steps. */
export interface StepOutcome {
  nextAt: number | null;
}

const describe = (e: VendorError) => `${e.code}: ${e.message}${e.vendorCode ? ` (${e.vendorCode})` : ""}`;

/** A refusal that says the card can never be activated by this order: the channel must refund. */
const DEFINITIVE = new Set<VendorError["code"]>(["invalid_request", "not_found"]);

/**
 * One step of an ACTIVATING order, run by the voucher runner (one at a time per order): settle an
 * unknown previous attempt by the card's status, else send payByCard, and record the result.
 */
export async function activationStep(deps: ActivationDeps, orderId: string): Promise<StepOutcome> {
  const row = await deps.store.get(orderId);
  if (row?.status !== "ACTIVATING" || !row.card_no || row.needs_attention) return { nextAt: null };
  const rec = activationOf(row) ?? { startedAt: deps.clock.now(), attempt: 0, nextAt: 0 };
  const now = deps.clock.now();
  if (rec.nextAt > now) return { nextAt: rec.nextAt };
  const connector = await deps.vendors.forAccount(row.vendor_account_id);

  if (rec.attempt > 0 && (rec.finishedAt === undefined || rec.outcome === "unknown")) {
    const st = await connector.status(row.card_no);
    if (!st.ok) return later(deps, row, rec, describe(st.error));
    if (st.value.status !== "inactive") return settle(deps, row, st.value);
    // Still inactive: the earlier attempt did not happen, so a new one may be sent.
  }

  const attempt = rec.attempt + 1;
  const begun: ActivationRecord = { ...rec, attempt, begunAt: now, finishedAt: undefined, outcome: undefined };
  if (!(await write(deps, row, begun))) return { nextAt: null };
  const res = await connector.activate({ cardNo: row.card_no, orderId: row.id, attempt });
  const finished: ActivationRecord = { ...begun, finishedAt: deps.clock.now() };
  if (res.ok) {
    if (res.value.status !== "inactive") return settle(deps, row, res.value, finished);
    return later(deps, row, { ...finished, outcome: "unknown" }, "payByCard answered with the card still inactive");
  }
  if (DEFINITIVE.has(res.error.code)) {
    await deps.store.transition(row.id, ["ACTIVATING"], "ACTIVATION_FAILED", {
      activation: JSON.stringify(finished),
      failure: JSON.stringify({ code: "VENDOR_REFUSED", message: res.error.message, vendorCode: res.error.vendorCode }),
    });
    return { nextAt: null };
  }
  return later(deps, row, { ...finished, outcome: "unknown" }, describe(res.error));
}

/** The vendor says what became of the card: active (or already used) → ACTIVE; banned → failed. */
async function settle(
  deps: ActivationDeps,
  row: VoucherOrderRow,
  card: Voucher,
  rec: ActivationRecord | undefined = activationOf(row),
): Promise<StepOutcome> {
  const set = {
    vendor_status: card.vendorStatus,
    used_count: card.usedCount,
    expires_at: card.expiresAt !== undefined ? new Date(card.expiresAt) : null,
    activation: JSON.stringify({ ...rec, outcome: undefined, finishedAt: rec?.finishedAt ?? deps.clock.now() }),
  };
  if (card.status === "banned") {
    await deps.store.transition(row.id, ["ACTIVATING"], "ACTIVATION_FAILED", {
      ...set,
      failure: JSON.stringify({ code: "VOUCHER_BANNED", message: "the vendor reports the card as banned" }),
    });
  } else {
    await deps.store.transition(row.id, ["ACTIVATING"], card.status === "used" ? "USED" : "ACTIVE", {
      ...set,
      activated_at: new Date(card.activatedAt ?? deps.clock.now()),
    });
  }
  return { nextAt: null };
}

/** Not known yet: ask again on the timetable, or hand the order to a person when it is used up. */
async function later(
  deps: ActivationDeps,
  row: VoucherOrderRow,
  rec: ActivationRecord,
  error: string,
): Promise<StepOutcome> {
  const nextAt = nextAskAt(rec.startedAt, deps.clock.now());
  const updated = { ...rec, lastError: error.slice(0, 300), nextAt: nextAt ?? rec.nextAt };
  await deps.store.update(row.id, "ACTIVATING", {
    activation: JSON.stringify(updated),
    ...(nextAt === null ? { needs_attention: true } : {}),
  });
  return { nextAt };
}

async function write(deps: ActivationDeps, row: VoucherOrderRow, rec: ActivationRecord): Promise<boolean> {
  return (await deps.store.update(row.id, "ACTIVATING", { activation: JSON.stringify(rec) })) !== undefined;
}
