import type { LayoutSeat, SeatKind, SeatLayout, SeatStatusMap, VendorShowtime } from "../../domain/catalog.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { Pickup, VendorOrderState } from "../../domain/trade.js";
import { yuanField } from "../price-fields.js";
import { str, type Wire } from "./soap.js";

const DAY_MS = 86_400_000;

/** A yuan field → fen; absent is undefined, anything that is not money is an issue. */
const yuan = (w: Wire, name: string) => yuanField(name, str(w, name)?.trim() || undefined);

/**
 * One `CinemaPlan` (public-refs §9.3 4.2) → showtime. FeatureDate + FeatureTime is the start, China
 * time; TotalTime is the **end** clock time, a day later when it is not after the start (midnight
 * wrap). AppPric is what we declare (settle), StandPric the list price, ProtectPrice the floor
 * (newer servers only). On sale = SetClose 1 and UseSign 0. The plan has no stop-selling time: the
 * vendor closes a show by SetClose and refuses locks (101103/101109), so we take the start.
 */
export function toShowtime(w: Wire): VendorShowtime | undefined {
  const id = str(w, "FeatureAppNo");
  const date = str(w, "FeatureDate")?.trim();
  const time = str(w, "FeatureTime")?.trim();
  if (!id || !date || !time) return undefined;
  let startsAt: number;
  try {
    startsAt = parseChinaLocal(`${date} ${time.length === 5 ? time : time.slice(0, 5)}`);
  } catch {
    return undefined;
  }
  let endsAt: number | undefined;
  const end = str(w, "TotalTime")?.trim();
  if (end && /^\d{2}:\d{2}/.test(end)) {
    endsAt = parseChinaLocal(`${date} ${end.slice(0, 5)}`);
    if (endsAt <= startsAt) endsAt += DAY_MS;
  }
  const settle = yuan(w, "AppPric");
  const list = yuan(w, "StandPric");
  const floor = yuan(w, "ProtectPrice");
  const issues = [settle.issue, list.issue, floor.issue].filter(Boolean);
  const raw = ["AppPric", "StandPric", "ProtectPrice"]
    .filter((k) => str(w, k) !== undefined)
    .map((k) => `${k}=${JSON.stringify(str(w, k))}`);
  return {
    vendorShowtimeId: id,
    vendorHallId: str(w, "HallNo") ?? "",
    hallName: str(w, "HallName"),
    vendorFilmId: str(w, "FilmNo") ?? "",
    filmNationalCode: str(w, "FilmNo"),
    filmTitle: str(w, "FilmName"),
    startsAt,
    endsAt,
    stopSellingAt: startsAt,
    onSale:
      str(w, "SetClose") === "1" &&
      (str(w, "UseSign") ?? "0") === "0" &&
      issues.length === 0 &&
      settle.fen !== undefined,
    language: str(w, "CopyLanguage"),
    version: str(w, "CopyType"),
    price: {
      ...(settle.fen !== undefined ? { settleFen: settle.fen } : {}),
      ...(list.fen !== undefined ? { listFen: list.fen } : settle.fen !== undefined ? { listFen: settle.fen } : {}),
      ...(floor.fen !== undefined ? { lowestFen: floor.fen } : {}),
      serviceFeeFen: 0,
    },
    ...(raw.length ? { rawPrice: raw.join(" ") } : {}),
    ...(issues.length ? { priceIssue: issues.join("; ") } : {}),
    // FeatureNo is the show number the member centre wants (public-refs §9.7).
    vendorData: {
      featureNo: str(w, "FeatureNo") ?? "",
      filmNo: str(w, "FilmNo") ?? "",
      featureDate: date,
      featureTime: time.slice(0, 5),
    },
  };
}

const num = (w: Wire, k: string) => {
  const n = Number(str(w, k));
  return Number.isFinite(n) ? n : 0;
};

function kindOf(w: Wire): SeatKind {
  const left = num(w, "leftCount");
  const right = num(w, "rightCount");
  if (left === 0 && right === 1) return "loveLeft";
  if (left === 1 && right === 0) return "loveRight";
  return "normal";
}

/**
 * GetHallAllSeat `hallSeats` → layout. A love seat's left half (leftCount 0, rightCount 1) pairs
 * with the right half next to it in the same graph row; a half without its other half cannot be
 * sold as a pair and is marked broken. Seats whose SeatState is -1 (not saleable) for the showtime
 * asked are broken too. seatPieceNo is the seat's area.
 */
export function toLayout(
  vendorHallId: string,
  seats: Wire[],
  notSaleable: ReadonlySet<string> = new Set(),
): SeatLayout {
  const out: LayoutSeat[] = [];
  const areas = new Map<string, string>();
  let rows = 0;
  let cols = 0;
  for (const w of seats) {
    const id = str(w, "seatNo");
    if (!id) continue;
    const x = num(w, "graphCol");
    const y = num(w, "graphRow");
    rows = Math.max(rows, y);
    cols = Math.max(cols, x);
    const piece = str(w, "seatPieceNo")?.trim();
    const area = piece && piece !== "0" ? piece : undefined;
    if (area) areas.set(area, str(w, "seatPieceName") || area);
    out.push({
      vendorSeatId: id,
      rowLabel: str(w, "seatRow") ?? String(y),
      colLabel: str(w, "seatCol") ?? String(x),
      x,
      y,
      kind: kindOf(w),
      ...(area ? { areaId: area } : {}),
      ...(notSaleable.has(id) ? { broken: true } : {}),
    });
  }
  const at = new Map(out.map((s) => [`${s.y}:${s.x}`, s]));
  for (const s of out) {
    if (s.kind !== "loveLeft") continue;
    const right = at.get(`${s.y}:${s.x + 1}`);
    if (right?.kind === "loveRight" && !right.pairSeatId) {
      s.pairSeatId = right.vendorSeatId;
      right.pairSeatId = s.vendorSeatId;
    }
  }
  for (const s of out) {
    if (s.kind !== "normal" && !s.pairSeatId) {
      s.kind = "normal";
      s.broken = true;
    }
  }
  return { vendorHallId, rows, cols, seats: out, areas: [...areas].map(([id, name]) => ({ id, name })) };
}

/**
 * SeatState (public-refs §9.5) → status: 0 unsold is available (left out); 1 sold and 9 checked
 * are sold; 3 reserved, 4 selected and 7 locked are locked; -1 and anything else (6 "gold seat"
 * is one hub's comment only) are unavailable.
 */
export function toSeatStatus(states: Wire[]): SeatStatusMap {
  const out: SeatStatusMap = {};
  for (const w of states) {
    const id = str(w, "SeatNo");
    const state = str(w, "SeatState")?.trim();
    if (!id || state === "0") continue;
    out[id] =
      state === "1" || state === "9"
        ? "sold"
        : state === "3" || state === "4" || state === "7"
          ? "locked"
          : "unavailable";
  }
  return out;
}

/** The counter pickup: OrderNo + ValidCode (public-refs §2, §9.7). */
export function toPickup(orderNo: string, validCode: string | undefined): Pickup {
  return {
    printCode: orderNo,
    ...(validCode ? { verifyCode: validCode } : {}),
    instructions: `取票：订单号 ${orderNo}${validCode ? `，验证码 ${validCode}` : ""}`,
  };
}

/**
 * GetOrderStatus → state (public-refs §9.5; PHP: 8/9 sold, 0/4/6 not successful, 7 refunded).
 * 8/9 issued; 7 refunded; 6 (payment failed) failed; 4 (paid, the cinema has not sold yet) pending;
 * 0 — our reading of "locked, not sold" — not_submitted: SellTicket never took effect and may be
 * made again (the vendor refuses a second sale of one SerialNum, 101203). Anything else: pending.
 */
export function toOrderState(body: Wire, seatIds: readonly string[]): VendorOrderState {
  const status = str(body, "OrderStatus")?.trim();
  const orderNo = str(body, "OrderNo") ?? "";
  const validCode = str(body, "ValidCode")?.trim();
  switch (status) {
    case "8":
    case "9":
      return {
        state: "issued",
        vendorOrderId: orderNo,
        tickets: seatIds.map((vendorSeatId) => ({ vendorSeatId })),
        pickup: toPickup(orderNo, validCode),
        ...(status === "8" ? { printed: true } : {}),
      };
    case "7":
      return { state: "refunded", vendorOrderId: orderNo };
    case "6":
      return { state: "failed", vendorOrderId: orderNo, reason: "满天星 OrderStatus 6 支付失败" };
    case "0":
      return { state: "not_submitted", vendorOrderId: orderNo };
    default:
      return { state: "pending", ...(orderNo ? { vendorOrderId: orderNo } : {}) };
  }
}
