import type { YkseDialect } from "../ykse/client.js";
import type { CodeEntry } from "../ykse/codes.js";

/**
 * 凤凰云智's "lark" gateway as a dialect of the ykse partner protocol (public-refs.md §10): the same
 * envelope and signing, `GET /route`, api names with `.lark` inserted, and — for the three read
 * calls the refs show — other field names. The ykse connector keeps speaking partner names and
 * shapes; this module rewrites them on the wire. Calls the refs do not show (release, confirm,
 * query, refund, reverse, print) keep the partner fields: inferred, see docs/vendors/yunzhi.md.
 */

const PARTNER = "ykse.partner.";
const LARK = "ykse.lark.partner.";

/** `ykse.partner.seat.getSeats` → `ykse.lark.partner.seat.getSeats`. */
export const larkApi = (partnerApi: string): string =>
  partnerApi.startsWith(PARTNER) ? LARK + partnerApi.slice(PARTNER.length) : partnerApi;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A copy of `o` with the keys of `names` renamed (lark name → partner name); other keys kept. */
function renamed(o: Obj, names: Readonly<Record<string, string>>): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) out[names[k] ?? k] = v;
  return out;
}

/** Lark seat types: DL/DR are the love-seat halves (refs §10); the partner's L/R. Others as sent. */
const SEAT_TYPE: Readonly<Record<string, string>> = { DL: "L", DR: "R" };

/** getCinemas dataList item: cinemaName, hallList[{hallCode, hallName, seatCount, hallType}]. */
export function cinemaFromLark(raw: unknown): Obj {
  const c = obj(raw);
  const { hallList, ...rest } = c;
  return {
    ...renamed(rest, { cinemaName: "name" }),
    halls: arr(hallList).map((h) => renamed(obj(h), { hallCode: "hallId", hallName: "name", hallType: "type" })),
  };
}

/** getSeats data: seatPlanList[{effectiveDate, seatVersion, sectionList[{sectionCode, sectionName, seatList[…]}]}]. */
export function seatsFromLark(raw: unknown): Obj {
  const d = obj(raw);
  return {
    ...renamed(d, { hallCode: "hallId" }),
    seatPlanList: arr(d.seatPlanList).map((p) => {
      const { sectionList, ...plan } = obj(p);
      return {
        ...plan,
        sections: arr(sectionList).map((s) => {
          const { seatList, ...section } = obj(s);
          return {
            ...renamed(section, { sectionCode: "sectionId", sectionName: "name" }),
            seats: arr(seatList).map((seat) => {
              const out = renamed(obj(seat), { seatCode: "seatId", damaged: "damage" });
              const type = typeof out.type === "string" ? out.type : undefined;
              return type && SEAT_TYPE[type] ? { ...out, type: SEAT_TYPE[type] } : out;
            }),
          };
        }),
      };
    }),
  };
}

/** getSchedules dataList item: hallCode, areaInfoList[{areaId, areaName, areaSettlePrice, areaServiceFee}]. */
export function scheduleFromLark(raw: unknown): Obj {
  const { areaInfoList, ...rest } = obj(raw);
  return {
    ...renamed(rest, { hallCode: "hallId" }),
    // The partner joins area seats to prices by area name (doc 002 §4.4); the lark list names both.
    areaSettlePrices: arr(areaInfoList).map((a) => {
      const area = obj(a);
      return { name: area.areaName, settlePrice: area.areaSettlePrice };
    }),
  };
}

/** Business codes seen only on the lark gateway (refs §10 error samples). */
export const LARK_BUSINESS_CODES: Readonly<Record<string, CodeEntry>> = {
  SCHEDULE_CLOSE_SALE: {
    message: "场次未开售或已停售",
    standard: "showtime_closed",
    sections: ["public-refs §10 (lark lockSeats error sample)"],
  },
};

export const larkDialect: YkseDialect = {
  path: "/route",
  method: "GET",
  api: larkApi,
  request(partnerApi, data) {
    if (partnerApi === "ykse.partner.seat.getSeats" && data) return renamed(data, { hallId: "hallCode" });
    return data;
  },
  reply(partnerApi, payload) {
    switch (partnerApi) {
      case "ykse.partner.cinema.getCinemas":
        return { data: payload.data, dataList: payload.dataList?.map(cinemaFromLark) };
      case "ykse.partner.schedule.getSchedules":
        return { data: payload.data, dataList: payload.dataList?.map(scheduleFromLark) };
      case "ykse.partner.seat.getSeats":
        return { data: seatsFromLark(payload.data), dataList: payload.dataList };
      default:
        return payload;
    }
  },
  businessCodes: LARK_BUSINESS_CODES,
};
