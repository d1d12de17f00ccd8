import type { CatalogServices } from "../catalog/services.js";
import { toVendorShowtime } from "../catalog/stored-showtime.js";
import { DomainError } from "../domain/domain-error.js";
import type { Result } from "../domain/errors.js";
import { addDays, businessDayOf, isValidDate } from "../domain/time.js";
import type { CinemaRef } from "../domain/trade.js";
import { loadTradeContext } from "../orders/trade-context.js";
import type { OrderWorkflow } from "../orders/workflow.js";
import { vendorOf } from "../vendors/all.js";
import type { VendorCallRecord } from "../vendors/call-recorder.js";
import type { ChenxingConnector } from "../vendors/chenxing/index.js";
import type { CinemaConnector } from "../vendors/connector.js";
import type { Huolieniao5Connector } from "../vendors/huolieniao5/index.js";
import type { M1905Connector } from "../vendors/m1905/index.js";
import type { MemberCardsConnector } from "../vendors/member-cards.js";
import type { YkseConnector } from "../vendors/ykse/index.js";
import { captureCalls } from "./call-capture.js";
import { VENDOR_QUERY_CALLS, type VendorQueryCall, type VendorQueryParams } from "./vendor-query-calls.js";

export interface VendorQueryResult {
  call: VendorQueryCall;
  vendor: string;
  cinemaId: string;
  ok: boolean;
  /** The decoded answer in the domain's terms (fen, epoch ms, our seat kinds). */
  result?: unknown;
  error?: { code: string; message: string; vendorCode?: string };
  /** The vendor's own code of the last wire call (retCode / bizCode / ResponseCode …). */
  vendorCode?: string;
  durationMs: number;
  /** Every wire call made, with masked raw request and response. */
  calls: VendorCallRecord[];
}

export interface VendorQueryDeps {
  catalog: CatalogServices;
  workflow: OrderWorkflow;
}

const hasMembers = (c: CinemaConnector): c is CinemaConnector & { members: MemberCardsConnector } =>
  c.capabilities.memberCards && "members" in c;
const isYkse = (c: CinemaConnector): c is YkseConnector => c.vendor === "ykse" && "trade" in c;
/** 辰星's card calls are its own module's (vendors/chenxing/members.ts), not MemberCardsConnector. */
const isChenxing = (c: CinemaConnector): c is ChenxingConnector => c.vendor === "chenxing" && "cards" in c;
/** 1905's card calls take the card password on every read, so they are its own module (m1905/cards.ts). */
const isM1905 = (c: CinemaConnector): c is M1905Connector => c.vendor === "m1905" && "cards" in c;
/** 火烈鸟 5.0 / YXT names ticket codes only in queryPrintByVerifyCode (huolieniao5/index.ts). */
const isHuolieniao5 = (c: CinemaConnector): c is Huolieniao5Connector =>
  c.vendor === "huolieniao5" && "queryPrint" in c;

/**
 * Runs one read call of a cinema's connector live, for support staff comparing what the vendor
 * says with what we stored. Nothing here changes vendor state: only read calls are offered.
 */
export async function runVendorQuery(
  deps: VendorQueryDeps,
  cinemaId: string,
  call: VendorQueryCall,
  params: VendorQueryParams,
): Promise<VendorQueryResult> {
  const { catalog } = deps;
  const cinema = await catalog.db.selectFrom("cinemas").selectAll().where("id", "=", cinemaId).executeTakeFirst();
  if (!cinema) throw new DomainError("NOT_FOUND", `cinema ${cinemaId} not found`);
  for (const need of VENDOR_QUERY_CALLS[call].needs) {
    if (params[need as keyof VendorQueryParams] === undefined && !(call === "ticketInfo" && params.confirmationId))
      throw new DomainError("VALIDATION_FAILED", `${call} needs ${need}`, {
        errors: [{ path: `/params/${need}`, message: "required" }],
      });
  }
  const directory = vendorOf(cinema.vendor);
  if (directory?.kind === "directory")
    throw new DomainError(
      "VALIDATION_FAILED",
      `${cinema.vendor}: ${directory.status.en} — a manual record, there is no vendor interface to query`,
    );
  const connector = await catalog.registry.forAccount(cinema.vendor_account_id);
  const ref: CinemaRef = {
    vendorCinemaId: cinema.vendor_cinema_id,
    nationalCode: cinema.national_code ?? undefined,
    shanghai: cinema.shanghai,
  };
  const ctx = { deps, cinemaId, connector, ref, params };
  const started = performance.now();
  const { value, calls } = await captureCalls(
    () => perform(ctx, call),
    params.cardPassword ? [params.cardPassword] : [],
  );
  const durationMs = Math.round(performance.now() - started);
  const last = calls.at(-1);
  const vendorCode = value.ok ? last?.vendorCode : (value.error.vendorCode ?? last?.vendorCode);
  return {
    call,
    vendor: connector.vendor,
    cinemaId,
    ok: value.ok,
    ...(value.ok
      ? { result: value.value }
      : {
          error: {
            code: value.error.code,
            message: value.error.message,
            ...(value.error.vendorCode ? { vendorCode: value.error.vendorCode } : {}),
          },
        }),
    ...(vendorCode ? { vendorCode } : {}),
    durationMs,
    calls,
  };
}

interface Ctx {
  deps: VendorQueryDeps;
  cinemaId: string;
  connector: CinemaConnector;
  ref: CinemaRef;
  params: VendorQueryParams;
}

const unsupported = (what: string, vendor: string): Result<never> => ({
  ok: false,
  error: { code: "unsupported", message: `${vendor} has no ${what} call` },
});

async function perform(ctx: Ctx, call: VendorQueryCall): Promise<Result<unknown>> {
  const { connector: c, ref, params } = ctx;
  switch (call) {
    case "cinemas":
      // Doc 000 §四.2: VISTA (and 威云, 满天星 C) cannot list cinemas; identifiers come by email.
      return c.capabilities.listCinemas && c.listCinemas ? c.listCinemas() : unsupported("cinema list", c.vendor);
    case "cinema":
      return c.getCinema(ref);
    case "halls": {
      const res = await c.getCinema(ref);
      return res.ok ? { ok: true, value: res.value.halls ?? [] } : res;
    }
    case "hallSeats": {
      const hall = await findHall(ctx, params.hallId!);
      const show = await showtimeOfHall(ctx, hall.id);
      return c.getSeatLayout(ref, hall.vendor_hall_id, show);
    }
    case "showtimes": {
      const from = params.date!;
      if (!isValidDate(from)) throw new DomainError("VALIDATION_FAILED", "date must be YYYY-MM-DD");
      return c.listShowtimes({
        cinema: ref,
        fromDate: from,
        toDate: addDays(from, Math.max(0, (params.days ?? 1) - 1)),
      });
    }
    case "seatStatus": {
      const { show } = await findShowtime(ctx, params.showtimeId!);
      const res = await c.getSeatStatus(ref, show);
      if (!res.ok) return res;
      const counts: Record<string, number> = {};
      for (const s of Object.values(res.value)) counts[s] = (counts[s] ?? 0) + 1;
      return { ok: true, value: { notAvailable: counts, seats: res.value } };
    }
    case "orderDetail": {
      const orderRef = await findOrderRef(ctx, params.orderId!);
      if (isYkse(c)) return c.trade.orderInfo(orderRef);
      return c.queryOrder(orderRef);
    }
    case "ticketInfo": {
      if (isYkse(c)) {
        let confirmationId = params.confirmationId;
        if (!confirmationId) {
          const info = await c.trade.orderInfo(await findOrderRef(ctx, params.orderId!));
          if (!info.ok) return info;
          confirmationId =
            typeof info.value.raw.confirmationId === "string" ? info.value.raw.confirmationId : undefined;
          if (!confirmationId)
            return {
              ok: false,
              error: { code: "order_state", message: `order is ${info.value.state.state}: no tickets yet` },
            };
        }
        return c.trade.ticketInfo(ref, confirmationId);
      }
      // Other vendors report tickets (seat and ticket numbers) in their order query.
      const orderRef = await findOrderRef(ctx, params.orderId!);
      const res = await c.queryOrder(orderRef);
      if (!res.ok) return res;
      const pickup = res.value.state === "issued" ? res.value.pickup : undefined;
      if (isHuolieniao5(c) && pickup?.printCode && pickup.verifyCode) {
        return c.queryPrint(orderRef, pickup.printCode, pickup.verifyCode);
      }
      return {
        ok: true,
        value: res.value.state === "issued" ? { tickets: res.value.tickets, pickup: res.value.pickup } : res.value,
      };
    }
    case "cardGrades":
      if (isChenxing(c)) return c.cards.grades(ref);
      if (isM1905(c)) return c.cards.levels(ref);
      return hasMembers(c) ? c.members.grades(ref) : unsupported("member card", c.vendor);
    case "cardLogin":
      if (isM1905(c)) return c.cards.login(ref, params.cardNumber!, params.cardPassword!);
      // 会员卡登录 (微官网绑卡): the balance query checks the password; the detail names the card's grade.
      if (isChenxing(c)) return c.cards.login(ref, params.cardNumber!, params.cardPassword!);
      if (!hasMembers(c)) return unsupported("member card", c.vendor);
      {
        const balance = await c.members.balance(ref, params.cardNumber!, params.cardPassword!);
        if (!balance.ok) return balance;
        const detail = await c.members.detail(ref, params.cardNumber!);
        return { ok: true, value: { balance: balance.value, card: detail.ok ? maskHolder(detail.value) : undefined } };
      }
    case "cardPrice": {
      if (isChenxing(c))
        return c.cards.showtimePrice(ref, params.cardNumber!, (await findShowtime(ctx, params.showtimeId!)).show);
      if (isM1905(c)) {
        // 1905's MemberPrice checks the card password too.
        if (!params.cardPassword)
          throw new DomainError("VALIDATION_FAILED", "cardPrice on 1905 needs cardPassword", {
            errors: [{ path: "/params/cardPassword", message: "required" }],
          });
        const { show } = await findShowtime(ctx, params.showtimeId!);
        return c.cards.price(show.vendorShowtimeId, params.cardNumber!, params.cardPassword);
      }
      if (!hasMembers(c)) return unsupported("member card", c.vendor);
      const { show } = await findShowtime(ctx, params.showtimeId!);
      return c.members.ticketPrices(
        { cinema: ref, vendorShowtimeId: show.vendorShowtimeId, versionKey: show.versionKey },
        params.cardNumber!,
      );
    }
  }
}

/** Card holders' mobiles and id numbers never reach the console in full. */
function maskHolder<T extends { mobile?: string; idCard?: string }>(card: T): T {
  return {
    ...card,
    ...(card.mobile ? { mobile: card.mobile.replace(/^(\d{3})\d+(\d{4})$/, "$1****$2") } : {}),
    ...(card.idCard ? { idCard: card.idCard.replace(/^(.{4}).+(.{4})$/, "$1**********$2") } : {}),
  };
}

async function findHall(ctx: Ctx, hallId: string) {
  const hall = await ctx.deps.catalog.db
    .selectFrom("halls")
    .selectAll()
    .where("cinema_id", "=", ctx.cinemaId)
    .where((eb) => eb.or([eb("id", "=", hallId), eb("vendor_hall_id", "=", hallId)]))
    .executeTakeFirst();
  if (!hall) throw new DomainError("NOT_FOUND", `hall ${hallId} not found in this cinema`);
  return hall;
}

/** Vendors with per-session seat plans (VISTA, Moviefan) read a hall's layout through one of its showtimes. */
async function showtimeOfHall(ctx: Ctx, hallId: string) {
  const row = await ctx.deps.catalog.db
    .selectFrom("showtimes")
    .selectAll()
    .where("hall_id", "=", hallId)
    .where("valid", "=", true)
    .where("business_day", ">=", businessDayOf(ctx.deps.catalog.clock.now()))
    .orderBy("starts_at")
    .executeTakeFirst();
  const hall = await findHall(ctx, hallId);
  return row ? toVendorShowtime(row, hall.vendor_hall_id) : undefined;
}

async function findShowtime(ctx: Ctx, showtimeId: string) {
  const row = await ctx.deps.catalog.db
    .selectFrom("showtimes")
    .innerJoin("halls", "halls.id", "showtimes.hall_id")
    .selectAll("showtimes")
    .select("halls.vendor_hall_id")
    .where("showtimes.cinema_id", "=", ctx.cinemaId)
    .where((eb) => eb.or([eb("showtimes.id", "=", showtimeId), eb("showtimes.vendor_showtime_id", "=", showtimeId)]))
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", `showtime ${showtimeId} not found in this cinema`);
  return { row, show: toVendorShowtime(row, row.vendor_hall_id) };
}

async function findOrderRef(ctx: Ctx, orderId: string) {
  const { db, registry } = ctx.deps.catalog;
  const order = await db
    .selectFrom("orders")
    .selectAll()
    .where("cinema_id", "=", ctx.cinemaId)
    .where((eb) => eb.or([eb("id", "=", orderId), eb("vendor_order_id", "=", orderId)]))
    .executeTakeFirst();
  if (!order) throw new DomainError("NOT_FOUND", `order ${orderId} not found in this cinema`);
  const trade = await loadTradeContext(db, registry, order.showtime_id);
  if (!trade) throw new DomainError("NOT_FOUND", "the order's showtime is gone from the catalogue");
  return ctx.deps.workflow.orderRef(order, trade);
}
