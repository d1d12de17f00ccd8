import { createHash, randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { runWithFaults } from "../core/fault-http.js";
import type { Booking, VistaState } from "./state.js";
import { odataDateTime } from "./wire.js";

/**
 * §3.14 SarftKioskService, the cinema-LAN pickup service built to 广电 requirements (附录 E of
 * 《影院票务管理系统技术要求和测量方法》). The document names its four requests and their parameters but
 * not the wire format (Appendix E is not part of it), so this simulator exposes them as JSON POSTs
 * under /SarftKioskService/ — see README.md. The rules that ARE documented:
 * - print_no = VistaBookingNumber left-padded with zeros to 16 digits;
 * - verify_code_md5 = MD5 of VistaBookingId (not padded);
 * - after the four steps the tickets are marked printed (GetSingleBooking CollectedStatus = "1").
 */

export const KIOSK_BASE = "/SarftKioskService";

export const kioskAccount = {
  username: process.env.SIM_VISTA_KIOSK_USER ?? "kiosk",
  password: process.env.SIM_VISTA_KIOSK_PASSWORD ?? "kiosk-demo-password",
};

/** The 16-digit 取票序号 printed on the pickup voucher. */
export function printNumber(bookingNumber: number): string {
  return String(bookingNumber).padStart(16, "0");
}

export function verifyCodeMd5(bookingId: string): string {
  return createHash("md5").update(bookingId, "utf8").digest("hex");
}

/** Kiosk result codes (invented; the document does not list them). */
export const KioskResult = {
  OK: 0,
  AuthFailed: 1,
  NotFound: 2,
  VerifyFailed: 3,
  AlreadyPrinted: 4,
  Refunded: 5,
  CountMismatch: 6,
  BadRequest: 7,
} as const;

type Body = Record<string, unknown>;

export function registerKiosk(app: FastifyInstance, ctx: SimContext, state: VistaState) {
  const sessions = new Set<string>();
  const render = () => ({ status: 503, body: { result: 99, message: "Kiosk service unavailable" } });
  const err = (result: number, message: string) => ({ result, message });

  const findByPrintNo = (printNo: unknown): Booking | undefined => {
    if (typeof printNo !== "string" || !/^\d{16}$/.test(printNo)) return undefined;
    return state.bookingsByNumber.get(Number(printNo));
  };

  const ticketsOf = (booking: Booking) =>
    booking.order.lines.map((l, i) => ({
      ticket_no: `${printNumber(booking.bookingNumber)}${String(i + 1).padStart(2, "0")}`,
      cinema_name: booking.order.cinema.name,
      film_name: l.session.film.title,
      film_code: l.session.film.nationalCode,
      hall_name: l.session.hall.hall.name,
      show_time: odataDateTime(l.session.showtime.startsAt),
      seat: `${l.seat.seat.rowLabel}排${l.seat.seat.colLabel}座`,
      price: (l.priceCents / 100).toFixed(2),
    }));

  const route = (path: string, handler: (b: Body) => unknown, auth = true) =>
    app.post(`${KIOSK_BASE}${path}`, async (req, reply) =>
      runWithFaults(ctx.faults, `Kiosk${path}`, reply, render, () => {
        state.tick();
        const b = (req.body && typeof req.body === "object" ? req.body : {}) as Body;
        if (auth && !(typeof b["session_id"] === "string" && sessions.has(b["session_id"]))) {
          return err(KioskResult.AuthFailed, "Not authenticated");
        }
        return handler(b);
      }),
    );

  // 1 认证请求
  route(
    "/auth",
    (b) => {
      if (b["username"] !== kioskAccount.username || b["password"] !== kioskAccount.password) {
        return err(KioskResult.AuthFailed, "Invalid username or password");
      }
      const id = randomUUID();
      sessions.add(id);
      return { result: KioskResult.OK, message: "OK", session_id: id };
    },
    false,
  );

  // 2 电影票信息查询
  route("/query", (b) => {
    const booking = findByPrintNo(b["print_no"]);
    if (!booking) return err(KioskResult.NotFound, "No booking for this print_no");
    return {
      result: KioskResult.OK,
      message: "OK",
      print_no: printNumber(booking.bookingNumber),
      ticket_count: booking.order.lines.length,
      printed: booking.collected,
      refunded: booking.refunded,
      tickets: ticketsOf(booking),
    };
  });

  // 3 电影票出票
  route("/print", (b) => {
    const booking = findByPrintNo(b["print_no"]);
    if (!booking) return err(KioskResult.NotFound, "No booking for this print_no");
    const code = typeof b["verify_code_md5"] === "string" ? b["verify_code_md5"].toLowerCase() : "";
    if (code !== verifyCodeMd5(booking.bookingId))
      return err(KioskResult.VerifyFailed, "verify_code_md5 does not match");
    if (booking.refunded) return err(KioskResult.Refunded, "The booking has been refunded");
    if (booking.collected) return err(KioskResult.AlreadyPrinted, "The tickets have already been printed");
    return {
      result: KioskResult.OK,
      message: "OK",
      ticket_count: booking.order.lines.length,
      tickets: ticketsOf(booking),
    };
  });

  // 4 电影票出票结果
  route("/print-result", (b) => {
    const booking = findByPrintNo(b["print_no"]);
    if (!booking) return err(KioskResult.NotFound, "No booking for this print_no");
    if (booking.refunded) return err(KioskResult.Refunded, "The booking has been refunded");
    if (b["ticket_count"] !== booking.order.lines.length) {
      return err(KioskResult.CountMismatch, `ticket_count must be ${booking.order.lines.length}`);
    }
    if (!booking.collected) {
      booking.collected = true;
      booking.collectedAt = ctx.clock.now();
    }
    return { result: KioskResult.OK, message: "OK" };
  });
}
