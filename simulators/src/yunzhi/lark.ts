import { demoAccounts } from "../core/accounts.js";
import type { Args, BizResult } from "../ykse/envelope.js";
import type { YkseGateway } from "../ykse/index.js";
import { MAX_SEATS_PER_LOCK } from "../ykse/state.js";

/**
 * 凤凰云智's "lark" gateway (public-refs.md §10) over the ykse partner simulator: the same envelope,
 * signing and call set, api names with `.lark` inserted, and the lark field names of the three read
 * calls the refs show (getCinemas, getSeats, getSchedules). Other calls keep the partner fields —
 * what the refs imply but do not show (docs/vendors/yunzhi.md).
 */

const PARTNER = "ykse.partner.";
const LARK = "ykse.lark.partner.";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function renamed(o: Obj, names: Readonly<Record<string, string>>, drop: readonly string[] = []): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!drop.includes(k)) out[names[k] ?? k] = v;
  return out;
}

/** The partner's lock refusals for a show not on sale or past its stop-selling time. */
const CLOSED_SALE: readonly string[] = ["SCHEDULE_NOT_OPEN", "LOCK_SEAT_OUT_DATE"];

/** Love-seat halves are DL/DR on the lark gateway (refs §10), L/R on the partner API. */
const LARK_SEAT_TYPE: Readonly<Record<string, string>> = { L: "DL", R: "DR" };

function larkCinema(raw: unknown): Obj {
  const c = obj(raw);
  return {
    ...renamed(c, { name: "cinemaName" }, ["halls", "refundLimitCount"]),
    maxTicketNum: MAX_SEATS_PER_LOCK,
    hallList: arr(c.halls).map((h) => renamed(obj(h), { hallId: "hallCode", name: "hallName", type: "hallType" })),
  };
}

function larkSeats(raw: unknown): Obj {
  const d = obj(raw);
  return {
    ...renamed(d, { hallId: "hallCode" }, ["seatPlanList"]),
    seatPlanList: arr(d.seatPlanList).map((p) => ({
      ...renamed(obj(p), {}, ["sections"]),
      seatVersion: "1",
      sectionList: arr(obj(p).sections).map((s) => ({
        ...renamed(obj(s), { sectionId: "sectionCode", name: "sectionName" }, ["seats"]),
        seatList: arr(obj(s).seats).map((seat) => {
          const out = renamed(obj(seat), { seatId: "seatCode", damage: "damaged" });
          const type = typeof out.type === "string" ? LARK_SEAT_TYPE[out.type] : undefined;
          return type ? { ...out, type } : out;
        }),
      })),
    })),
  };
}

function larkSchedule(raw: unknown): Obj {
  const s = obj(raw);
  return {
    ...renamed(s, { hallId: "hallCode" }, ["areaSettlePrices"]),
    ...(s.areaSettlePrices
      ? {
          areaInfoList: arr(s.areaSettlePrices).map((a) => ({
            // The partner simulator names areas only; the name is the lark area id too.
            areaId: obj(a).name,
            areaName: obj(a).name,
            areaSettlePrice: obj(a).settlePrice,
            areaServiceFee: 0,
          })),
        }
      : {}),
  };
}

export const larkGateway = (): YkseGateway => ({
  vendor: "yunzhi",
  account: demoAccounts.yunzhi,
  partnerApi: (wire) => (wire.startsWith(LARK) ? PARTNER + wire.slice(LARK.length) : undefined),
  request: (api, args: Args) => (api === "ykse.partner.seat.getSeats" ? renamed(args, { hallCode: "hallId" }) : args),
  reply(api, result: BizResult): BizResult {
    if (result.bizCode !== "SUCCESS") {
      // The refs' lark lockSeats sample answers a show not (or no longer) on sale with SCHEDULE_CLOSE_SALE.
      if (api === "ykse.partner.seat.lockSeats" && CLOSED_SALE.includes(result.bizCode))
        return { ...result, bizCode: "SCHEDULE_CLOSE_SALE", bizMsg: "场次未开售或已停售" };
      return result;
    }
    switch (api) {
      case "ykse.partner.cinema.getCinemas":
        return { ...result, dataList: result.dataList?.map(larkCinema) };
      case "ykse.partner.schedule.getSchedules":
        return { ...result, dataList: result.dataList?.map(larkSchedule) };
      case "ykse.partner.seat.getSeats":
        return { ...result, data: larkSeats(result.data) };
      default:
        return result;
    }
  },
});
