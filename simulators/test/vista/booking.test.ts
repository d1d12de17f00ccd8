import { describe, expect, it } from "vitest";
import { kioskAccount, printNumber, verifyCodeMd5 } from "../../src/vista/index.js";
import { addTicketsBody, CLIENT, completeBody, harnessPerTest, PAYMENT, W } from "./fixture.js";

const h = harnessPerTest();

const T = `${W}/RestTicketing.svc`;
const B = `${W}/RestBooking.svc`;

async function book(id: string, seats: [number, number][], extra: Record<string, unknown> = {}) {
  const add = (await h.post(`${T}/order/tickets`, addTicketsBody(id, seats, extra))).json();
  expect(add.Result).toBe(0);
  await h.post(`${T}/order/startexternalpayment`, { UserSessionId: id, ...CLIENT });
  const done = (await h.post(`${T}/order/payment`, completeBody(id, add.Order.TotalValueCents))).json();
  expect(done.Result).toBe(0);
  return { total: add.Order.TotalValueCents as number, fee: add.Order.BookingFeeValueCents as number, done };
}

function refundBody(bookingNumber: number, amount: number, extra: Record<string, unknown> = {}) {
  return {
    CinemaId: "0200",
    PaymentInfo: { ...PAYMENT, PaymentValueCents: amount },
    BookingNumber: bookingNumber,
    RefundReason: "Test",
    RefundConcessions: true,
    RefundAmount: amount,
    RefundBookingFee: true,
    MarkAsRefundedOnly: true,
    OptionalClientId: "111.111.111.111",
    ...extra,
  };
}

const single = async (bookingNumber: number) =>
  (
    await h.post(`${B}/booking`, {
      ReturnTransactionStatusInfoIfSingleBookingMatch: true,
      BookingNumber: bookingNumber,
      CinemaId: "0200",
      OptionalClientId: "111.111.111.111",
    })
  ).json();

describe("RestBooking.RefundBooking", () => {
  it("refunds an unprinted booking, marks it refunded and frees the seats", async () => {
    const { total, done } = await book("r1", [[1, 1]]);
    const n = Number(done.VistaBookingNumber);
    const res = (await h.post(`${B}/booking/refund`, refundBody(n, total))).json();
    expect(res).toEqual({ ErrorDescription: null, ResultCode: 0 });
    const after = await single(n);
    expect(after.Booking.Tickets[0].RefundedStatus).toBe("1");
    expect((await h.post(`${B}/booking/refund`, refundBody(n, total))).json().ResultCode).toBe(63);
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("r2", [[1, 1]]))).json().Result).toBe(0);
  });

  it("applies the booking-fee rule: RefundBookingFee=false refunds the total less the fee", async () => {
    const body = { BookingFeeOverride: 200 };
    const { total, fee, done } = await book("fee", [[1, 1]], body);
    expect(fee).toBe(200);
    const n = Number(done.VistaBookingNumber);
    const wrong = refundBody(n, total, { RefundBookingFee: false, RefundAmount: total });
    expect((await h.post(`${B}/booking/refund`, wrong)).json().ResultCode).toBe(4);
    const right = refundBody(n, total, { RefundBookingFee: false, RefundAmount: total - fee });
    expect((await h.post(`${B}/booking/refund`, right)).json().ResultCode).toBe(0);
  });

  it("requires MarkAsRefundedOnly=true and the CompleteOrder payment info", async () => {
    const { total, done } = await book("m", [[1, 1]]);
    const n = Number(done.VistaBookingNumber);
    expect(
      (await h.post(`${B}/booking/refund`, refundBody(n, total, { MarkAsRefundedOnly: false }))).json().ResultCode,
    ).toBe(39);
    const badCard = refundBody(n, total, { PaymentInfo: { ...PAYMENT, CardNumber: "1", PaymentValueCents: total } });
    expect((await h.post(`${B}/booking/refund`, badCard)).json().ResultCode).toBe(4);
    expect((await h.post(`${B}/booking/refund`, refundBody(999, total))).json().ResultCode).toBe(47);
  });

  it("refuses refunds after the cinema's refund deadline", async () => {
    const { total, done } = await book("late", [[1, 1]]);
    h.clock.advance(2.5 * 3600_000); // show at +3 h, refunds close 60 min before
    expect(
      (await h.post(`${B}/booking/refund`, refundBody(Number(done.VistaBookingNumber), total))).json().ResultCode,
    ).toBe(39);
  });
});

describe("SarftKioskService pickup", () => {
  it("prints with print_no = booking number padded to 16 digits and MD5(VistaBookingId); printed tickets cannot be refunded online", async () => {
    const { total, done } = await book("k1", [
      [1, 1],
      [1, 2],
    ]);
    const printNo = printNumber(Number(done.VistaBookingNumber));
    expect(printNo).toHaveLength(16);
    expect(printNo).toBe(done.VistaBookingNumber.padStart(16, "0"));

    const post = (path: string, body: unknown) =>
      h.app.inject({ method: "POST", url: `/SarftKioskService${path}`, payload: body as object }).then((r) => r.json());
    expect((await post("/auth", { username: "x", password: "y" })).result).toBe(1);
    const { session_id } = await post("/auth", kioskAccount);
    const info = await post("/query", { session_id, print_no: printNo });
    expect(info).toMatchObject({ result: 0, ticket_count: 2, printed: false });
    expect(
      (await post("/print", { session_id, print_no: printNo, verify_code_md5: verifyCodeMd5("WRONG") })).result,
    ).toBe(3);
    const printed = await post("/print", {
      session_id,
      print_no: printNo,
      verify_code_md5: verifyCodeMd5(done.VistaBookingId),
    });
    expect(printed.tickets).toHaveLength(2);
    expect((await post("/print-result", { session_id, print_no: printNo, ticket_count: 2 })).result).toBe(0);

    const after = await single(Number(done.VistaBookingNumber));
    expect(after.Booking.Tickets.map((t: { CollectedStatus: string }) => t.CollectedStatus)).toEqual(["1", "1"]);
    expect(
      (await h.post(`${B}/booking/refund`, refundBody(Number(done.VistaBookingNumber), total))).json().ResultCode,
    ).toBe(39);
  });
});
