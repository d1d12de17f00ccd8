import { fail, ok, type Result } from "../../domain/errors.js";
import type { ConnectorOptions } from "../descriptor.js";
import { VendorTransport } from "../transport.js";
import type {
  Voucher,
  VoucherBuyBase,
  VoucherCardAction,
  VoucherCinema,
  VoucherConnector,
  VoucherKind,
} from "../vouchers.js";
import { type LingdongAnswer, LingdongClient, type LingdongCredentials } from "./client.js";
import { lingdongCapabilities } from "./descriptor.js";
import type { LingdongFormat } from "./envelope.js";
import { list, toCinema, toCity, toKind, toRegion, toVoucher } from "./mapping.js";
import { readReqId, type SideEffect, sideEffectReqId } from "./request-id.js";

export { lingdongHashcode } from "./hashcode.js";
export { sideEffectReqId } from "./request-id.js";

export interface LingdongOptions extends ConnectorOptions<LingdongCredentials> {
  /** Answer format asked for with `format=` (our reading of the unnamed 7th common parameter). */
  format?: LingdongFormat;
}

/** Tickets per card (`num`): doc 004 does not say; our definition, see docs/vendors/lingdong.md. */
export const MAX_TICKETS_PER_CARD = lingdongCapabilities.maxTicketsPerCard;
/** 204 没有数据. */
const NO_DATA = 204;
/** 202 接受到请求, 会异步处理. */
const ACCEPTED = 202;

const MOBILE = /^1\d{10}$/;

/**
 * 灵动创展 electronic exchange vouchers (vendor doc 004). Two buying flows: by cinema
 * (cities → regionsByCity → cinemasByRegion → buyByCinema) or by kind (kinds → cinemasByKind →
 * buyByKind); then payByCard once the buyer has paid, which activates the card and texts it to the
 * buyer.
 */
export function createLingdongConnector(opts: LingdongOptions): VoucherConnector {
  const transport = new VendorTransport({
    vendor: "lingdong",
    accountId: opts.accountId,
    baseUrl: opts.baseUrl,
    clock: opts.clock,
    recorder: opts.recorder,
    secrets: [opts.credentials.md5Key],
    timeoutMs: opts.timeoutMs,
    ratePerSecond: opts.ratePerSecond,
  });
  const client = new LingdongClient(transport, opts.baseUrl, opts.credentials, opts.format ?? "xml", opts.clock);

  const read = (call: Parameters<LingdongClient["call"]>[0], params?: Record<string, string>) =>
    client.call(call, readReqId(), params);
  const effect = (call: SideEffect, orderId: string, attempt: number | undefined, params: Record<string, string>) =>
    client.call(call, sideEffectReqId(call, orderId, attempt ?? 1), params, { sideEffect: true });

  const cinemas = (res: Result<LingdongAnswer>): Result<VoucherCinema[]> => {
    if (!res.ok) return res;
    return ok(
      list(res.value.data, "cinemas")
        .map(toCinema)
        .filter((c): c is VoucherCinema => c !== undefined),
    );
  };

  const card = (res: Result<LingdongAnswer>, call: string): Result<Voucher> => {
    if (!res.ok) return res;
    const data = res.value.data.card;
    const v = data && typeof data === "object" ? toVoucher(data as Record<string, unknown>) : undefined;
    if (v) return ok(v);
    // 202 "接受到请求, 会异步处理": accepted, result not known yet — ask status later.
    if (res.value.code === ACCEPTED)
      return fail("outcome_unknown", `${call} accepted for asynchronous processing`, "202");
    return fail("vendor_unavailable", `${call} answered ${res.value.code} without a readable card`, "no_card");
  };

  const checkBuy = (req: VoucherBuyBase): Result<never> | undefined => {
    if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_TICKETS_PER_CARD) {
      return fail("invalid_request", `a card carries 1 to ${MAX_TICKETS_PER_CARD} tickets, not ${req.count}`);
    }
    if (!MOBILE.test(req.mobile))
      return fail("invalid_request", "the buyer's mobile must be 11 digits starting with 1");
    return undefined;
  };

  async function status(cardNo: string): Promise<Result<Voucher>> {
    const res = await read("status", { card_no: cardNo });
    if (res.ok && res.value.code === NO_DATA) return fail("not_found", `Lingdong has no card ${cardNo}`, "204");
    return card(res, "status");
  }

  /**
   * A card action whose answer was lost, refused as repeated (406) or failed inside Lingdong is
   * settled by asking for the card: if it is already in the wanted state, the action happened.
   */
  async function settleBy(res: Result<Voucher>, cardNo: string, wanted: Voucher["status"]): Promise<Result<Voucher>> {
    if (res.ok) return res;
    if (!["outcome_unknown", "order_state", "vendor_unavailable"].includes(res.error.code)) return res;
    const now = await status(cardNo);
    return now.ok && now.value.status === wanted ? now : res;
  }

  return {
    vendor: "lingdong",
    capabilities: lingdongCapabilities,

    async ping() {
      const res = await read("cities");
      return res.ok ? ok({ cityCount: list(res.value.data, "cities").length }) : res;
    },

    async listCities() {
      const res = await read("cities");
      return res.ok ? ok(list(res.value.data, "cities").map(toCity)) : res;
    },

    async listRegions(cityId) {
      const res = await read("regionsByCity", { city_id: cityId });
      return res.ok ? ok(list(res.value.data, "regions").map((w) => toRegion(w, cityId))) : res;
    },

    async listCinemasByRegion(regionId) {
      return cinemas(await read("cinemasByRegion", { region_id: regionId }));
    },

    async listKinds() {
      const res = await read("kinds");
      if (!res.ok) return res;
      return ok(
        list(res.value.data, "kinds")
          .map(toKind)
          .filter((k): k is VoucherKind => k !== undefined),
      );
    },

    async listCinemasByKind(kindId) {
      return cinemas(await read("cinemasByKind", { kind_id: kindId }));
    },

    async buyByCinema(req) {
      const bad = checkBuy(req);
      if (bad) return bad;
      const res = await effect("buyByCinema", req.orderId, req.attempt, {
        cinema_id: req.vendorCinemaId,
        num: String(req.count),
        mobile: req.mobile,
      });
      return card(res, "buyByCinema");
    },

    async buyByKind(req) {
      const bad = checkBuy(req);
      if (bad) return bad;
      const res = await effect("buyByKind", req.orderId, req.attempt, {
        kind_id: req.kindId,
        num: String(req.count),
        mobile: req.mobile,
      });
      return card(res, "buyByKind");
    },

    async activate(req: VoucherCardAction) {
      const res = card(await effect("payByCard", req.orderId, req.attempt, { card_no: req.cardNo }), "payByCard");
      return settleBy(res, req.cardNo, "active");
    },

    status,

    async ban(req: VoucherCardAction) {
      const res = card(await effect("ban", req.orderId, req.attempt, { card_no: req.cardNo }), "ban");
      return settleBy(res, req.cardNo, "banned");
    },

    close: () => transport.close(),
  };
}
