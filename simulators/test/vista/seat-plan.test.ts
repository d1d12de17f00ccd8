import { describe, expect, it } from "vitest";
import { addTicketsBody, harnessPerTest, W } from "./fixture.js";

const h = harnessPerTest();

type SeatJson = {
  Id: string;
  Status: number;
  SeatStyle: number;
  Position: { AreaNumber: number; RowIndex: number; ColumnIndex: number };
  SeatsInGroup: unknown;
};
type AreaJson = {
  AreaCategoryCode: string;
  Number: number;
  Rows: { PhysicalName: string | null; Seats: SeatJson[] }[];
};

function seat(plan: { Areas: AreaJson[] }, area: number, row: number, col: number): SeatJson | undefined {
  return plan.Areas.find((a) => a.Number === area)?.Rows[row]?.Seats.find((s) => s.Position.ColumnIndex === col);
}

describe("RESTData.GetTicketsForSession", () => {
  it("returns standard and channel ticket types per area category, prices in cents", async () => {
    const res = await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/10001/tickets`);
    const body = res.json();
    expect(body.ResponseCode).toBe(0);
    expect(body.Tickets).toEqual([
      expect.objectContaining({
        TicketTypeCode: "0010",
        AreaCategoryCode: "0000000001",
        PriceInCents: 6000,
        CinemaId: "0200",
      }),
      expect.objectContaining({
        TicketTypeCode: "0050",
        AreaCategoryCode: "0000000001",
        PriceInCents: 3500,
        SalesChannels: ["RSP", "VC"],
      }),
      expect.objectContaining({ TicketTypeCode: "0011", AreaCategoryCode: "0000000002", PriceInCents: 7000 }),
      expect.objectContaining({ TicketTypeCode: "0051", AreaCategoryCode: "0000000002", PriceInCents: 4500 }),
    ]);
  });

  it("answers ResponseCode 4 for an unknown session or a session of another cinema", async () => {
    expect((await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/99999/tickets`)).json().ResponseCode).toBe(4);
    expect((await h.get(`${W}/RESTData.svc/cinemas/0300/sessions/10001/tickets`)).json().ResponseCode).toBe(4);
  });
});

describe("RESTData.GetSessionSeatPlan", () => {
  it("renders areas, physical vs logical coordinates, sofa groups and statuses", async () => {
    const res = await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/10001/seat-plan`);
    const body = res.json();
    expect(body.ResponseCode).toBe(0);
    const plan = body.SeatLayoutData;
    expect(plan.Areas.map((a: AreaJson) => [a.Number, a.AreaCategoryCode])).toEqual([
      [1, "0000000001"],
      [2, "0000000002"],
    ]);
    // RowIndex 0 is the back row (physical row 5, the VIP area); columns count left to right while
    // physical seat numbers run right to left.
    expect(plan.Areas[1].Rows[0].PhysicalName).toBe("5");
    expect(seat(plan, 2, 0, 0)).toMatchObject({ Id: "6", Status: 0 });
    expect(seat(plan, 1, 0, 0)).toBeUndefined();
    expect(seat(plan, 1, 4, 0)).toMatchObject({ Id: "6", Status: 3 }); // wheelchair = special
    expect(seat(plan, 1, 3, 0)).toMatchObject({ Status: 5 }); // broken
    expect(seat(plan, 1, 4, 4)).toMatchObject({
      SeatStyle: 1,
      SeatsInGroup: [
        { AreaNumber: 1, RowIndex: 4, ColumnIndex: 4 },
        { AreaNumber: 1, RowIndex: 4, ColumnIndex: 5 },
      ],
    });
    expect(seat(plan, 1, 4, 5)).toMatchObject({ SeatStyle: 3 });
    expect(seat(plan, 1, 2, 2)).toMatchObject({ Status: 0, SeatStyle: 0, SeatsInGroup: null });
  });

  it("shows seats held by AddTickets as sold (1)", async () => {
    const add = await h.post(`${W}/RestTicketing.svc/order/tickets`, addTicketsBody("u-plan", [[2, 2]]));
    expect(add.json().Result).toBe(0);
    const plan = (await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/10001/seat-plan`)).json().SeatLayoutData;
    expect(seat(plan, 1, 2, 2)?.Status).toBe(1);
  });

  it("answers 4 for invalid ids and 67 with a null layout for a session marked sold out", async () => {
    const invalid = (await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/123/seat-plan`)).json();
    expect(invalid).toMatchObject({ ResponseCode: 4, SeatLayoutData: null });
    const soldOut = (await h.get(`${W}/RESTData.svc/cinemas/0200/sessions/10003/seat-plan`)).json();
    expect(soldOut).toMatchObject({ ResponseCode: 67, SeatLayoutData: null });
  });
});
