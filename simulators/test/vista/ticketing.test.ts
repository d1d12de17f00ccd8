import { describe, expect, it } from "vitest";
import { HOLD_MINUTES } from "../../src/vista/index.js";
import { addTicketsBody, CLIENT, completeBody, type Harness, harnessPerTest, W } from "./fixture.js";

const h = harnessPerTest();

const T = `${W}/RestTicketing.svc`;

async function addAndPay(h: Harness, id: string, seats: [number, number][]) {
  const add = (await h.post(`${T}/order/tickets`, addTicketsBody(id, seats))).json();
  expect(add.Result).toBe(0);
  expect((await h.post(`${T}/order/startexternalpayment`, { UserSessionId: id, ...CLIENT })).json().Result).toBe(0);
  return add;
}

describe("RestTicketing.AddTickets", () => {
  it("holds the seats and returns the order with totals in cents", async () => {
    const res = await h.post(
      `${T}/order/tickets`,
      addTicketsBody("u1", [
        [1, 1],
        [1, 2],
      ]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('"LastUpdated":"\\/Date(');
    const body = res.json();
    expect(body).toMatchObject({ Result: 0, ErrorDescription: null, ExtendedResultCode: 0 });
    expect(body.Order).toMatchObject({
      CinemaId: "0200",
      UserSessionId: "u1",
      TotalOrderCount: 2,
      TotalValueCents: 7000,
      BookingFeeValueCents: 0,
      VistaBookingNumber: 0,
    });
    expect(body.Order.Sessions[0].SessionId).toBe(10001);
    expect(body.Order.Sessions[0].Tickets.map((t: { SeatData: string }) => t.SeatData)).toEqual(["4排5座", "4排4座"]);
  });

  it("rejects a price that differs from GetTicketsForSession with Result 4 and the documented message", async () => {
    const body = addTicketsBody("u2", [[1, 1]]);
    body.TicketTypes[0]!.PriceInCents = 3000;
    const res = (await h.post(`${T}/order/tickets`, body)).json();
    expect(res.Result).toBe(4);
    expect(res.ErrorDescription).toBe(
      "Ticket type 0050 could not be added to the order because ticket price overrides are not allowed. Either provide the correct price in cents, 3500, or enable the AllowTicketPriceOverride security behaviour for your profile.",
    );
  });

  it("rejects a seat whose area category differs from the selected AreaCategoryCode or the ticket type's", async () => {
    // A default-area ticket on a VIP seat, declared with the default category → area mismatch.
    const wrongSeat = addTicketsBody("u3", []);
    wrongSeat.SelectedSeats = [{ AreaCategoryCode: "0000000001", AreaNumber: 2, RowIndex: 0, ColumnIndex: 2 }];
    expect((await h.post(`${T}/order/tickets`, wrongSeat)).json().Result).toBe(4);
    // Correct seat category but the ticket type is for the default area.
    const wrongType = addTicketsBody("u3", []);
    wrongType.SelectedSeats = [{ AreaCategoryCode: "0000000002", AreaNumber: 2, RowIndex: 0, ColumnIndex: 2 }];
    expect((await h.post(`${T}/order/tickets`, wrongType)).json().Result).toBe(4);
    // VIP ticket type on the VIP seat works.
    const ok = addTicketsBody("u3", []);
    ok.TicketTypes = [{ TicketTypeCode: "0051", Qty: 1, PriceInCents: 4500, BookingFeeOverride: null }];
    ok.SelectedSeats = [{ AreaCategoryCode: "0000000002", AreaNumber: 2, RowIndex: 0, ColumnIndex: 2 }];
    expect((await h.post(`${T}/order/tickets`, ok)).json().Result).toBe(0);
  });

  it("never lets two orders hold one seat (Result 8), nor sell broken seats", async () => {
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("a", [[2, 3]]))).json().Result).toBe(0);
    const second = (
      await h.post(
        `${T}/order/tickets`,
        addTicketsBody("b", [
          [2, 3],
          [2, 4],
        ]),
      )
    ).json();
    expect(second.Result).toBe(8);
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("b", [[3, 0]]))).json().Result).toBe(8);
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("b", [[2, 4]]))).json().Result).toBe(0);
  });

  it("requires sofa seats to be booked together", async () => {
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("s", [[4, 4]]))).json().Result).toBe(4);
    expect(
      (
        await h.post(
          `${T}/order/tickets`,
          addTicketsBody("s", [
            [4, 4],
            [4, 5],
          ]),
        )
      ).json().Result,
    ).toBe(0);
  });

  it("allocates seats itself when SelectedSeats is null", async () => {
    const body = {
      ...addTicketsBody("auto", [
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
      SelectedSeats: null,
    };
    const res = (await h.post(`${T}/order/tickets`, body)).json();
    expect(res.Result).toBe(0);
    const tickets = res.Order.Sessions[0].Tickets as { SeatRowIndex: number; SeatColumnIndex: number }[];
    expect(tickets).toHaveLength(3);
    expect(new Set(tickets.map((t) => t.SeatRowIndex)).size).toBe(1);
  });

  it("answers 8 once selling stopped and 4 for unknown ids", async () => {
    const closed = { ...addTicketsBody("late", [[1, 1]]), SessionId: "10002" };
    expect((await h.post(`${T}/order/tickets`, closed)).json().Result).toBe(8);
    const unknown = { ...addTicketsBody("late", [[1, 1]]), SessionId: "55555" };
    expect((await h.post(`${T}/order/tickets`, unknown)).json().Result).toBe(4);
  });

  it("releases the hold after the hold time on the simulated clock", async () => {
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("x1", [[1, 3]]))).json().Result).toBe(0);
    h.clock.advance((HOLD_MINUTES - 1) * 60_000);
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("x2", [[1, 3]]))).json().Result).toBe(8);
    h.clock.advance(61_000);
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("x2", [[1, 3]]))).json().Result).toBe(0);
    // The expired order cannot be completed any more.
    await h.post(`${T}/order/startexternalpayment`, { UserSessionId: "x1", ...CLIENT });
    expect((await h.post(`${T}/order/payment`, completeBody("x1", 3500))).json().Result).toBe(62);
  });
});

describe("order lifecycle", () => {
  it("AddTickets → StartExternalPayment → CompleteOrder → GetSingleBooking", async () => {
    await addAndPay(h, "full1", [
      [1, 1],
      [1, 2],
    ]);
    const getOpen = (await h.post(`${T}/order`, { UserSessionId: "full1", ...CLIENT })).json();
    expect(getOpen.Order.CinemaId).toBe("0200");

    const done = (await h.post(`${T}/order/payment`, completeBody("full1", 7000))).json();
    expect(done).toMatchObject({ Result: 0, CinemaID: "0200", ErrorDescription: null });
    expect(done.VistaBookingId).toMatch(/^[A-Z0-9]{7}$/);
    expect(done.VistaBookingNumber).toMatch(/^\d+$/);

    const getDone = (await h.post(`${T}/order`, { UserSessionId: "full1", ...CLIENT })).json();
    expect(getDone).toMatchObject({ Result: 0, Order: { CinemaId: null, Sessions: null, TotalValueCents: 0 } });

    const status = (
      await h.post(`${T}/order/query-booking-status`, { UserSessionId: "full1", ClientId: "111.111.111.111" })
    ).json();
    expect(status).toMatchObject({
      ResponseCode: 0,
      ResponseDescription: "Booking exists at Cinema",
      OrderSummary: { CinemaId: "0200", TotalValueCents: 7000, VistaBookingId: done.VistaBookingId },
    });
    expect(status.OrderSummary.VistaBookingNumber).toBe(Number(done.VistaBookingNumber));

    const single = (
      await h.post(`${W}/RestBooking.svc/booking`, {
        ReturnTransactionStatusInfoIfSingleBookingMatch: true,
        BookingId: done.VistaBookingId,
        BookingNumber: 0,
        CinemaId: "0200",
        OptionalClientId: "111.111.111.111",
      })
    ).json();
    expect(single.ResultCode).toBe(0);
    expect(single.Booking).toMatchObject({
      BookingId: done.VistaBookingId,
      TotalValueCents: 7000,
      UserSessionId: "full1",
    });
    expect(single.Booking.Tickets).toHaveLength(2);
    expect(single.Booking.Tickets[0]).toMatchObject({
      CollectedStatus: "0",
      RefundedStatus: "0",
      PriceInCents: 3500,
      SessionId: 10001,
    });

    // The seats are sold for everyone else.
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("other", [[1, 1]]))).json().Result).toBe(8);
    // The UserSessionId cannot be reused for another order.
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("full1", [[2, 2]]))).json().Result).toBe(56);
  });

  it("rejects CompleteOrder without StartExternalPayment (57) and with a wrong payment value (27)", async () => {
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("np", [[1, 1]]))).json().Result).toBe(0);
    expect((await h.post(`${T}/order/payment`, completeBody("np", 3500))).json().Result).toBe(57);
    expect((await h.post(`${T}/order/startexternalpayment`, { UserSessionId: "np", ...CLIENT })).json().Result).toBe(0);
    expect((await h.post(`${T}/order/payment`, completeBody("np", 3400))).json().Result).toBe(27);
    expect((await h.post(`${T}/order/payment`, completeBody("np", 3500))).json().Result).toBe(0);
  });

  it("adds booking fee overrides to the total (order-level override wins)", async () => {
    const body = addTicketsBody("fee", [
      [1, 1],
      [1, 2],
    ]);
    body.TicketTypes[0]!.BookingFeeOverride = 200 as unknown as null;
    expect((await h.post(`${T}/order/tickets`, body)).json().Order).toMatchObject({
      TotalValueCents: 7400,
      BookingFeeValueCents: 400,
    });
    const body2 = { ...addTicketsBody("fee2", [[2, 1]]), BookingFeeOverride: 100 };
    expect((await h.post(`${T}/order/tickets`, body2)).json().Order).toMatchObject({
      TotalValueCents: 3600,
      BookingFeeValueCents: 100,
    });
  });

  it("CancelOrder releases the seats; a completed order cannot be cancelled", async () => {
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("c1", [[1, 1]]))).json().Result).toBe(0);
    expect((await h.post(`${T}/order/cancel`, { UserSessionId: "c1", ...CLIENT })).json()).toEqual({
      ErrorDescription: null,
      Result: 0,
    });
    expect((await h.post(`${T}/order/tickets`, addTicketsBody("c2", [[1, 1]]))).json().Result).toBe(0);
    await h.post(`${T}/order/startexternalpayment`, { UserSessionId: "c2", ...CLIENT });
    expect((await h.post(`${T}/order/payment`, completeBody("c2", 3500))).json().Result).toBe(0);
    expect((await h.post(`${T}/order/cancel`, { UserSessionId: "c2", ...CLIENT })).json().Result).toBe(56);
    expect((await h.post(`${T}/order/cancel`, { UserSessionId: "never", ...CLIENT })).json().Result).toBe(62);
  });

  it("QueryOrderBookingStatus requires UserSessionId and ClientId and answers 47 for unknown bookings", async () => {
    expect((await h.post(`${T}/order/query-booking-status`, { UserSessionId: "z" })).json().ResponseCode).toBe(4);
    expect(
      (await h.post(`${T}/order/query-booking-status`, { UserSessionId: "z", ClientId: "c" })).json(),
    ).toMatchObject({
      ResponseCode: 47,
      ResponseDescription: "Booking does not exist at Cinema",
    });
  });
});
