import type { Cinema, Dataset, Hall, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { parseYuan, yuan } from "../m1905/xml.js";
import { LOCK_MINUTES, MAX_SEATS, type NgcBook, type NgcOrder } from "./book.js";
import { hallByCode, hallCode, loveCode, type NgcCatalog, seatByCode, seatCode } from "./catalog.js";
import { NgcCode, NgcError } from "./codes.js";

export interface NgcEnv {
  dataset: Dataset;
  catalog: NgcCatalog;
  now(): number;
  faults: FaultController;
  book: NgcBook;
}

type Form = Readonly<Record<string, string>>;

/** One `{action}.xml`: its required parameters (§7.2, NGC column; YXT extras are optional here) and handler. */
export interface NgcCall {
  action: string;
  required: readonly string[];
  handle(form: Form, env: NgcEnv): Record<string, unknown>;
}

const OK = { code: NgcCode.ok, msg: "操作成功。" };

/** "yyyy-MM-dd HH:mm:ss" in China time. */
export const chinaStamp = (t: number): string =>
  new Date(t + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");

const stopAt = (s: Showtime) => s.startsAt - s.stopSellingMinutes * 60_000;

function cinemaOf(form: Form, env: NgcEnv): Cinema {
  const cinema = env.catalog.cinemaByCode.get(form.cinemaCode ?? "");
  if (!cinema) throw new NgcError(NgcCode.cinemaNotFound);
  return cinema;
}

function showOf(form: Form, env: NgcEnv): { show: Showtime; cinema: Cinema; hall: Hall } {
  const show = env.catalog.showByCode.get(form.channelShowCode ?? "");
  const cinema = show && env.catalog.cinemaById.get(show.cinemaId);
  const hall = cinema?.halls.find((h) => h.id === show?.hallId);
  if (!show || !cinema || !hall) throw new NgcError(NgcCode.showNotFound);
  // YXT sends cinemaCode (and hallCode on seat status): when sent, they must be the show's.
  if (form.cinemaCode !== undefined && form.cinemaCode !== cinema.internalCode)
    throw new NgcError(NgcCode.cinemaNotFound);
  if (form.hallCode !== undefined && form.hallCode !== hallCode(cinema, hall)) throw new NgcError(NgcCode.hallNotFound);
  return { show, cinema, hall };
}

function orderOf(form: Form, env: NgcEnv): NgcOrder {
  const o = env.book.get(form.orderCode ?? "");
  if (form.cinemaCode !== undefined && form.cinemaCode !== o.cinema.internalCode)
    throw new NgcError(NgcCode.cinemaNotFound);
  return o;
}

const seatList = (text: string) => text.split(",").map((s) => s.trim());

const queryCinema: NgcCall = {
  action: "queryCinema",
  required: ["cinemaCode"],
  handle: (f, env) => {
    const c = cinemaOf(f, env);
    const city = env.dataset.cities.find((x) => x.code === c.cityCode);
    return {
      ...OK,
      cinema: {
        code: c.internalCode,
        name: c.name,
        hallCount: String(c.halls.length),
        cityCode: c.cityCode,
        city: city?.name ?? "",
        address: c.address,
        tel: c.phone,
        longitude: String(c.lng),
        latitude: String(c.lat),
      },
    };
  },
};

const queryHalls: NgcCall = {
  action: "queryHalls",
  required: ["cinemaCode"],
  handle: (f, env) => {
    const c = cinemaOf(f, env);
    return {
      ...OK,
      halls: { hall: c.halls.map((h) => ({ code: hallCode(c, h), name: h.name, seatCount: String(h.seats.length) })) },
    };
  },
};

function renderSeat(cinema: Cinema, hall: Hall, s: Hall["seats"][number], status: string) {
  const love = s.type === "loveLeft" || s.type === "loveRight";
  return {
    code: seatCode(cinema, hall, s),
    groupCode: s.areaId ?? "0",
    rowNum: s.rowLabel,
    colNum: s.colLabel,
    xCoord: String(s.x),
    yCoord: String(s.y),
    type: love ? "2" : "1",
    status,
    loveCode: love ? loveCode(cinema, hall, s) : "",
  };
}

const querySeats: NgcCall = {
  action: "querySeats",
  required: ["cinemaCode", "hallCode"],
  handle: (f, env) => {
    const c = cinemaOf(f, env);
    const hall = hallByCode(c, f.hallCode ?? "");
    if (!hall) throw new NgcError(NgcCode.hallNotFound);
    return { ...OK, seats: { seat: hall.seats.map((s) => renderSeat(c, hall, s, s.broken ? "0" : "1")) } };
  },
};

const queryShows: NgcCall = {
  action: "queryShows",
  required: ["cinemaCode"],
  handle: (f, env) => {
    const c = cinemaOf(f, env);
    const now = env.now();
    const from = f.startDate ? Date.parse(`${f.startDate}T00:00:00+08:00`) : now;
    if (Number.isNaN(from)) throw new NgcError(NgcCode.badParam, "startDate格式不正确。");
    const hidden = env.faults.config.hideShowtimesFor.includes(c.internalCode);
    const shows = hidden
      ? []
      : (env.catalog.showsByCinema.get(c.id) ?? []).filter(
          (s) => s.startsAt > now && s.startsAt >= from && (f.status !== "1" || s.onSale),
        );
    return {
      ...OK,
      shows: {
        show: shows.map((s) => {
          const film = env.dataset.films.find((x) => x.id === s.filmId);
          const hall = c.halls.find((h) => h.id === s.hallId)!;
          return {
            channelShowCode: env.catalog.showCode(s),
            cinemaCode: c.internalCode,
            cinemaShowCode: s.id,
            hallCode: hallCode(c, hall),
            filmCode: film?.nationalCode ?? "",
            filmName: film?.title ?? "",
            showType: s.version,
            language: s.language,
            showTime: chinaStamp(s.startsAt),
            duration: String(Math.round((s.endsAt - s.startsAt) / 60_000)),
            stopSellTime: chinaStamp(stopAt(s)),
            stdPrice: yuan(s.listFen),
            minPrice: yuan(s.lowestFen),
            settlePrice: yuan(s.settleFen),
            status: s.onSale ? "1" : "0",
          };
        }),
      },
    };
  },
};

const queryShowSeats: NgcCall = {
  action: "queryShowSeats",
  required: ["channelShowCode"],
  handle: (f, env) => {
    const { show, cinema, hall } = showOf(f, env);
    env.book.sweep();
    const wanted = f.status ? seatList(f.status) : ["0", "1"];
    const seats = hall.seats
      .map((s) => {
        const free = !s.broken && !env.book.held(show.id, seatCode(cinema, hall, s));
        return renderSeat(cinema, hall, s, free ? "1" : "0");
      })
      .filter((s) => wanted.includes(s.status));
    return { ...OK, ...(f.cinemaCode ? { cinemaCode: cinema.internalCode } : {}), seats: { seat: seats } };
  },
};

const lockSeats: NgcCall = {
  action: "lockSeats",
  required: ["channelShowCode", "seatCodes", "channelOrderCode"],
  handle: (f, env) => {
    const { show, cinema, hall } = showOf(f, env);
    if (!show.onSale || env.now() >= stopAt(show)) throw new NgcError(NgcCode.showInvalid);
    const codes = seatList(f.seatCodes!);
    if (codes.length > MAX_SEATS || new Set(codes).size !== codes.length) throw new NgcError(NgcCode.badParam);
    for (const code of codes) {
      const seat = seatByCode(cinema, hall, code);
      if (!seat) throw new NgcError(NgcCode.seatFormat);
      if (seat.broken) throw new NgcError(NgcCode.lockFailed);
    }
    // YXT's lockPrice: the per-seat cinema price must not be under the floor.
    if (f.lockPrice !== undefined) {
      const price = parseYuan(f.lockPrice);
      if (price === undefined) throw new NgcError(NgcCode.badParam);
      if (price < show.lowestFen) throw new NgcError(NgcCode.settlePrice);
    }
    const o = env.book.lock(cinema, show, codes, f.channelOrderCode!);
    return { ...OK, orderCode: o.orderCode, lockTime: String(LOCK_MINUTES) };
  },
};

const releaseSeats: NgcCall = {
  action: "releaseSeats",
  required: ["orderCode"],
  handle: (f, env) => {
    env.book.release(orderOf(f, env).orderCode);
    return { ...OK };
  },
};

/** orderSeats: `seatCode:salePrice:submitPrice` per seat; submitPrice must not be under minPrice. */
const submitOrder: NgcCall = {
  action: "submitOrder",
  required: ["orderCode", "mobile", "orderSeats"],
  handle: (f, env) => {
    const o = orderOf(f, env);
    if (!/^1\d{10}$/.test(f.mobile!)) throw new NgcError(NgcCode.badParam, "手机号格式不正确。");
    const seats = seatList(f.orderSeats!).map((s) => s.split(":"));
    let amount = 0;
    for (const parts of seats) {
      const sale = parts.length === 3 ? parseYuan(parts[1]!) : undefined;
      const submit = parts.length === 3 ? parseYuan(parts[2]!) : undefined;
      if (sale === undefined || submit === undefined) throw new NgcError(NgcCode.seatFormat);
      if (submit < o.show.lowestFen) throw new NgcError(NgcCode.settlePrice);
      amount += sale;
    }
    const done = env.book.submit(
      o.orderCode,
      seats.map((p) => p[0]!),
      amount,
    );
    return done.status === 4 ? { ...OK, printCode: done.printCode, verifyCode: done.verifyCode } : { ...OK };
  },
};

const queryOrder: NgcCall = {
  action: "queryOrder",
  required: ["orderCode"],
  handle: (f, env) => {
    const o = orderOf(f, env);
    return {
      ...OK,
      order: {
        code: o.orderCode,
        channelOrderCode: o.channelOrderCode,
        confirmTime: o.confirmTime ? chinaStamp(o.confirmTime) : "",
        ticketCount: String(o.seatCodes.length),
        amount: yuan(o.amountFen),
        printCode: o.status === 4 || o.status === 6 ? o.printCode : "",
        verifyCode: o.status === 4 || o.status === 6 ? o.verifyCode : "",
        status: String(o.status),
        printStatus: o.printed ? "1" : "0",
      },
    };
  },
};

const revokeTicket: NgcCall = {
  action: "revokeTicket",
  required: ["orderCode"],
  handle: (f, env) => {
    env.book.revoke(orderOf(f, env).orderCode);
    return { ...OK };
  },
};

function pickupOrder(f: Form, env: NgcEnv): NgcOrder {
  // NGC names the order; YXT sends only cinemaCode + the codes.
  const o = f.orderCode ? orderOf(f, env) : env.book.byPickup(f.printCode!, f.verifyCode!);
  if (o.status !== 4 || o.printCode !== f.printCode || o.verifyCode !== f.verifyCode) {
    throw new NgcError(NgcCode.voucherNotFound);
  }
  if (f.cinemaCode !== undefined && f.cinemaCode !== o.cinema.internalCode) throw new NgcError(NgcCode.voucherNotFound);
  return o;
}

const queryPrintByVerifyCode: NgcCall = {
  action: "queryPrintByVerifyCode",
  required: ["printCode", "verifyCode"],
  handle: (f, env) => {
    const o = pickupOrder(f, env);
    const hall = o.cinema.halls.find((h) => h.id === o.show.hallId)!;
    const film = env.dataset.films.find((x) => x.id === o.show.filmId);
    const each = Math.round(o.amountFen / Math.max(1, o.seatCodes.length));
    return {
      ...OK,
      cinemaCode: o.cinema.internalCode,
      cinemaName: o.cinema.name,
      hallCode: hallCode(o.cinema, hall),
      hallName: hall.name,
      filmCode: film?.nationalCode ?? "",
      filmName: film?.title ?? "",
      cinemaShowCode: o.show.id,
      channelShowCode: env.catalog.showCode(o.show),
      showTime: chinaStamp(o.show.startsAt),
      reprintCount: "0",
      printCode: o.printCode,
      verifyCode: o.verifyCode,
      tickets: {
        ticket: o.seatCodes.map((code, i) => ({
          ticketCode: `${o.orderCode}${String(i + 1).padStart(2, "0")}`,
          seatCode: code,
          price: yuan(each),
          serviceFee: yuan(0),
          printStatus: o.printed ? "1" : "0",
        })),
      },
    };
  },
};

const confirmPrint: NgcCall = {
  action: "confirmPrint",
  required: ["orderCode", "printCode", "verifyCode"],
  handle: (f, env) => {
    env.book.markPrinted(pickupOrder(f, env));
    return { ...OK };
  },
};

export const buildCalls = (): NgcCall[] => [
  queryCinema,
  queryHalls,
  querySeats,
  queryShows,
  queryShowSeats,
  lockSeats,
  releaseSeats,
  submitOrder,
  queryOrder,
  revokeTicket,
  queryPrintByVerifyCode,
  confirmPrint,
];
