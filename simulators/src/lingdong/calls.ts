import type { Cinema } from "../core/dataset-types.js";
import { badParam, LingdongCode, LingdongError } from "./codes.js";
import { cityInitials, type Geography } from "./geography.js";
import { type CardKind, CINEMA_CARD_VALID_DAYS, type CinemaPricing, cardKinds, yuan } from "./pricing.js";
import { cardStatusNames, type Voucher, type VoucherBook } from "./vouchers.js";

export interface LingdongEnv {
  geography(): Geography;
  pricing(): Map<string, CinemaPricing>;
  vouchers: VoucherBook;
  now(): number;
}

export interface CallResult {
  code: number;
  data: Record<string, unknown>;
}

export type LingdongCall = (params: Record<string, string>, env: LingdongEnv, partnerId: string) => CallResult;

const ok = (data: Record<string, unknown>): CallResult => ({ code: LingdongCode.ok, data });
/** 204 没有数据: the query is fine but there is nothing to list. */
const noData = (): CallResult => ({ code: LingdongCode.noData, data: {} });

const CHINA_OFFSET_MS = 8 * 3600_000;
/** `Y-m-d H:i:s` in China time. */
function dateTime(ms: number | undefined): string {
  if (ms === undefined) return "";
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

function required(params: Record<string, string>, name: string): string {
  const v = params[name]?.trim();
  if (!v) throw badParam(`缺少参数:${name}`);
  return v;
}

/** Tickets per card: 1–10. */
function num(params: Record<string, string>): number {
  const v = required(params, "num");
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 10) throw badParam("num必须为1-10的整数");
  return Number(v);
}

function mobile(params: Record<string, string>): string {
  const v = required(params, "mobile");
  if (!/^1\d{10}$/.test(v)) throw badParam("mobile必须为11位手机号");
  return v;
}

function kindOf(params: Record<string, string>): CardKind {
  const id = required(params, "kind_id");
  const kind = cardKinds.find((k) => k.kindId === id);
  if (!kind) throw badParam(`卡类不存在:${id}`);
  return kind;
}

function cardOf(params: Record<string, string>, env: LingdongEnv, partnerId: string): Voucher {
  const cardNo = required(params, "card_no");
  const card = env.vouchers.find(cardNo, partnerId);
  if (!card) throw new LingdongError(LingdongCode.badRequest, `卡号不存在:${cardNo}`, "card_not_found");
  return card;
}

function renderCinema(env: LingdongEnv, cinema: Cinema, price?: { priceFen: number; marketFen: number }) {
  const geo = env.geography();
  const region = geo.regionOfCinema.get(cinema.id);
  const p = price ?? env.pricing().get(cinema.id)!;
  return {
    cinema_id: cinema.nationalCode,
    cinema_name: cinema.name,
    address: cinema.address,
    tel: cinema.phone,
    city_id: region?.cityCodeId ?? "",
    region_id: region?.codeId ?? "",
    longitude: String(cinema.lng),
    latitude: String(cinema.lat),
    price: yuan(p.priceFen),
    market_price: yuan(p.marketFen),
  };
}

function cinemasAccepting(env: LingdongEnv, card: Voucher): Cinema[] {
  const geo = env.geography();
  if (card.cinemaCode) {
    const c = geo.cinemaByNationalCode.get(card.cinemaCode);
    return c ? [c] : [];
  }
  const kind = cardKinds.find((k) => k.kindId === card.kindId);
  const pricing = env.pricing();
  return [...geo.cinemaByNationalCode.values()].filter(
    (c) => kind?.accepts(c, pricing.get(c.id)?.versions ?? new Set()) ?? false,
  );
}

function renderCard(card: Voucher) {
  return {
    card_no: card.cardNo,
    status: card.status,
    status_name: cardStatusNames[card.status],
    kind_id: card.kindId ?? "",
    cinema_id: card.cinemaCode ?? "",
    num: String(card.num),
    used_num: String(card.usedNum),
    price: yuan(card.priceFen),
    total_price: yuan(card.priceFen * card.num),
    mobile: card.mobile,
    create_time: dateTime(card.createdAt),
    active_time: dateTime(card.activatedAt),
    expire_time: dateTime(card.expiresAt),
    ban_time: dateTime(card.bannedAt),
  };
}

export const calls: Record<string, LingdongCall> = {
  cities(_p, env) {
    const cities = env.geography().cities.map((c) => ({
      code_id: c.codeId,
      parent_id: "0",
      code_name: c.city.name,
      remark: cityInitials[c.city.name] ?? "",
    }));
    return cities.length ? ok({ cities }) : noData();
  },

  regionsByCity(p, env) {
    const city = env.geography().cityById.get(required(p, "city_id"));
    if (!city) return noData();
    const regions = city.regions.map((r) => ({
      code_id: r.codeId,
      parent_id: city.codeId,
      code_name: r.name,
      remark: "",
    }));
    return ok({ regions });
  },

  cinemasByRegion(p, env) {
    const region = env.geography().regionById.get(required(p, "region_id"));
    if (!region) return noData();
    return ok({ cinemas: region.cinemas.map((c) => renderCinema(env, c)) });
  },

  kinds() {
    const kinds = cardKinds.map((k) => ({
      kind_id: k.kindId,
      kind_name: k.name,
      price: yuan(k.priceFen),
      market_price: yuan(k.marketFen),
      valid_days: String(k.validDays),
    }));
    return ok({ kinds });
  },

  cinemasByKind(p, env) {
    const kind = kindOf(p);
    const pricing = env.pricing();
    const cinemas = [...env.geography().cinemaByNationalCode.values()]
      .filter((c) => kind.accepts(c, pricing.get(c.id)?.versions ?? new Set()))
      .map((c) => renderCinema(env, c, kind));
    return cinemas.length ? ok({ cinemas }) : noData();
  },

  buyByCinema(p, env, partnerId) {
    const code = required(p, "cinema_id");
    const cinema = env.geography().cinemaByNationalCode.get(code);
    if (!cinema) throw badParam(`影院不存在:${code}`);
    const n = num(p);
    const m = mobile(p);
    const price = env.pricing().get(cinema.id)!;
    const card = env.vouchers.create({
      partnerId,
      cinemaCode: cinema.nationalCode,
      num: n,
      priceFen: price.priceFen,
      mobile: m,
      validDays: CINEMA_CARD_VALID_DAYS,
    });
    return { code: LingdongCode.created, data: { card: renderCard(card) } };
  },

  buyByKind(p, env, partnerId) {
    const kind = kindOf(p);
    const n = num(p);
    const m = mobile(p);
    const card = env.vouchers.create({
      partnerId,
      kindId: kind.kindId,
      num: n,
      priceFen: kind.priceFen,
      mobile: m,
      validDays: kind.validDays,
    });
    return { code: LingdongCode.created, data: { card: renderCard(card) } };
  },

  payByCard(p, env, partnerId) {
    const card = cardOf(p, env, partnerId);
    const names = cinemasAccepting(env, card).map((c) => c.name);
    const label = names.length > 3 ? `${names.slice(0, 3).join("、")}等${names.length}家影院` : names.join("、");
    env.vouchers.activate(card, label);
    return ok({ card: renderCard(card) });
  },

  status(p, env, partnerId) {
    const cardNo = required(p, "card_no");
    const card = env.vouchers.find(cardNo, partnerId);
    return card ? ok({ card: renderCard(card) }) : noData();
  },

  ban(p, env, partnerId) {
    const card = cardOf(p, env, partnerId);
    env.vouchers.ban(card);
    return ok({ card: renderCard(card) });
  },
};
