import { describe, expect, it } from "vitest";
import { addTicketsBody, CLIENT, completeBody, harnessPerTest, PAYMENT, W } from "./fixture.js";

const h = harnessPerTest();

const T = `${W}/RestTicketing.svc`;
const MINUTE = 60_000;

async function addAndStart(id: string) {
  expect((await h.post(`${T}/order/tickets`, addTicketsBody(id, [[1, 1]]))).json().Result).toBe(0);
  expect((await h.post(`${T}/order/startexternalpayment`, { UserSessionId: id, ...CLIENT })).json().Result).toBe(0);
}

/** §2.2 after a CompleteOrder with Result<>0: GetOrder, then QueryOrderBookingStatus ×15 at 1-minute. */
async function recover(id: string): Promise<"issued" | "notFound"> {
  const order = (await h.post(`${T}/order`, { UserSessionId: id, ...CLIENT })).json();
  expect(order.Result).toBe(0);
  if (order.Order.CinemaId !== null) {
    const again = (await h.post(`${T}/order/payment`, completeBody(id, 3500))).json();
    if (again.Result === 0) return "issued";
  }
  for (let i = 0; i < 15; i++) {
    const q = (
      await h.post(`${T}/order/query-booking-status`, { UserSessionId: id, ClientId: CLIENT.OptionalClientId })
    ).json();
    if (q.ResponseCode === 0) return "issued";
    expect(q.ResponseCode).toBe(47);
    h.clock.advance(MINUTE);
  }
  return "notFound";
}

describe("slow issue and the §2.2 recovery flow", () => {
  it("reports the booking in progress (47) until slowIssueMinutes pass, then found", async () => {
    h.ctx.faults.update({ slowIssueMinutes: 5 });
    await addAndStart("slow1");
    const res = (await h.post(`${T}/order/payment`, completeBody("slow1", 3500))).json();
    expect(res.Result).not.toBe(0);
    // GetOrder: CinemaId null = CompleteOrder was called.
    expect((await h.post(`${T}/order`, { UserSessionId: "slow1", ...CLIENT })).json().Order.CinemaId).toBeNull();
    expect(await recover("slow1")).toBe("issued");
    // The booking was issued at the 5th minute.
    const q = (await h.post(`${T}/order/query-booking-status`, { UserSessionId: "slow1", ClientId: "x" })).json();
    expect(q.OrderSummary.TotalValueCents).toBe(3500);
  });

  it("after 15 minutes without a booking, CancelOrder succeeds and the seats are free", async () => {
    h.ctx.faults.update({ slowIssueMinutes: 30 });
    await addAndStart("slow2");
    expect((await h.post(`${T}/order/payment`, completeBody("slow2", 3500))).json().Result).not.toBe(0);
    expect(await recover("slow2")).toBe("notFound");
    expect((await h.post(`${T}/order/cancel`, { UserSessionId: "slow2", ...CLIENT })).json().Result).toBe(0);
    h.clock.advance(30 * MINUTE);
    const q = (await h.post(`${T}/order/query-booking-status`, { UserSessionId: "slow2", ClientId: "x" })).json();
    expect(q.ResponseCode).toBe(47);
    h.ctx.faults.update({ slowIssueMinutes: 0 });
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("next", [[1, 1]]))).json().Result).toBe(0);
  });

  it("slowIssueOutcome=fail: the booking never appears and the seats are released", async () => {
    h.ctx.faults.update({ slowIssueMinutes: 3, slowIssueOutcome: "fail" });
    await addAndStart("slow3");
    expect((await h.post(`${T}/order/payment`, completeBody("slow3", 3500))).json().Result).not.toBe(0);
    expect(await recover("slow3")).toBe("notFound");
    expect((await h.post(`${T}/order/cancel`, { UserSessionId: "slow3", ...CLIENT })).json().Result).toBe(0);
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("next", [[1, 1]]))).json().Result).toBe(0);
  });

  it("a lost CompleteOrder answer: the booking exists, CancelOrder fails, RefundBooking undoes it", async () => {
    await addAndStart("lost1");
    // "error" before the call takes effect: GetOrder still shows the cinema → CompleteOrder again.
    h.ctx.faults.update({ calls: { CompleteOrder: { errorRate: 1 } } });
    expect((await h.post(`${T}/order/payment`, completeBody("lost1", 3500))).json().Result).toBe(1);
    h.ctx.faults.update({ calls: {} });
    expect(await recover("lost1")).toBe("issued");

    const q = (await h.post(`${T}/order/query-booking-status`, { UserSessionId: "lost1", ClientId: "x" })).json();
    expect((await h.post(`${T}/order/cancel`, { UserSessionId: "lost1", ...CLIENT })).json().Result).not.toBe(0);
    const refund = await h.post(`${W}/RestBooking.svc/booking/refund`, {
      CinemaId: "0200",
      BookingNumber: q.OrderSummary.VistaBookingNumber,
      RefundReason: "recovery",
      RefundAmount: 3500,
      RefundBookingFee: false,
      RefundConcessions: true,
      MarkAsRefundedOnly: true,
      OptionalClientId: CLIENT.OptionalClientId,
      PaymentInfo: { ...PAYMENT, PaymentValueCents: 3500 },
    });
    expect(refund.json().ResultCode).toBe(0);
  });
});
