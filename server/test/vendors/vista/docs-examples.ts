/**
 * The answers of doc 003's examples, as JSON. PDF conversion errors repaired (`Cinemald` →
 * `CinemaId`, stray quotes); elided parts ("…") filled with the fields the tables list. Where the
 * document shows only part of an answer (§3.2, §3.4) the rest follows its field tables and notes.
 */

/** §3.1, the `$select` sample. */
export const cinemasSelected = {
  "odata.metadata":
    "http://180.167.19.17/WSVistaWebClient/OData.svc/$metadata#Cinemas&$select=ID,CinemaNationalId,Name,PhoneNumber,Address1,City",
  value: [
    {
      ID: "0200",
      CinemaNationalId: "1721210",
      Name: "CHTEST01",
      PhoneNumber: "",
      Address1: "Address1",
      City: "China",
    },
  ],
};

/** §3.2: film HO00012501 with its two sessions of 2016-10-19 (the tree view of the sample). */
export const nowShowing = {
  "odata.metadata":
    "http://180.167.19.17/WSVistaWebClient/OData.svc/$metadata#ScheduledFilms&$select=ScheduledFilmId,Title,RunTime,ShortCode,Sessions/SessionId,Sessions/Showtime,Sessions/Attributes/Description",
  value: [
    {
      ScheduledFilmId: "HO00012501",
      Title: "一万年以后(数字 3D)",
      ShortCode: "001200472015",
      RunTime: "97",
      Sessions: [
        {
          SessionId: "34667",
          Showtime: "2016-10-19T10:30:00",
          ScreenNumber: 7,
          ScreenName: "7号厅",
          Attributes: [{ Description: "3D" }, { Description: "国语" }],
        },
        {
          SessionId: "34668",
          Showtime: "2016-10-19T12:45:00",
          ScreenNumber: 7,
          ScreenName: "7号厅",
          Attributes: [{ Description: "3D" }],
        },
      ],
    },
  ],
};

/** §3.3 sample, as printed (ResalePriceInCents 19.9 included). */
export const ticketsForSession = {
  ResponseCode: 0,
  Tickets: [
    {
      AreaCategoryCode: "0000000001",
      CinemaId: "0200",
      Description: "标准票",
      PriceGroupCode: "0029",
      PriceInCents: 10000,
      ResalePriceInCents: 19.9,
      TicketTypeCode: "0010",
    },
    {
      AreaCategoryCode: "0000000001",
      CinemaId: "0200",
      Description: "webTicket 测试用代金券",
      PriceGroupCode: "0029",
      PriceInCents: 5000,
      SalesChannels: ["POS", "POSBK", "RSP", "TEST"],
      TicketTypeCode: "0142",
    },
    {
      AreaCategoryCode: "0000000003",
      CinemaId: "0200",
      Description: "webTicket 测试用代金券(优选区)",
      PriceGroupCode: "0029",
      PriceInCents: 2000,
      SalesChannels: ["POS", "POSBK", "RSP", "TEST"],
      TicketTypeCode: "0043",
    },
  ],
};

/**
 * Ticket types of session 29617 as the §3.5 / §3.11 samples imply: "web ticket" 0056 at 5000 cents
 * for area category 0000000001, sold to the RSP channel.
 */
export const ticketsFor29617 = {
  ResponseCode: 0,
  Tickets: [
    {
      AreaCategoryCode: "0000000001",
      CinemaId: "0200",
      Description: "web ticket",
      PriceGroupCode: "0029",
      PriceInCents: 5000,
      SalesChannels: ["RSP"],
      TicketTypeCode: "0056",
    },
    {
      AreaCategoryCode: "0000000003",
      CinemaId: "0200",
      Description: "web ticket(优选区)",
      PriceGroupCode: "0029",
      PriceInCents: 7000,
      SalesChannels: ["RSP"],
      TicketTypeCode: "0057",
    },
  ],
};

/**
 * §3.4 hall 一号厅 of session 29617: 7 rows × 12 columns, (0,0) an aisle. RowIndex 0 is 7排 (the
 * back); ColumnIndex 1 and 2 are 7排10座 and 7排9座 as the §3.5 note says, so seat Id = 11 − column.
 * Row index 6 (1排, nearest the screen) is a 优选区 area (category 0000000003, area 2). Row 5 has a
 * love-seat pair at columns 5–6 and a three-seat sofa at 8–10; statuses 1/2/3/5/7 appear in row 0.
 */
export function seatPlan29617(overrides: Record<string, number> = {}) {
  const seat = (area: number, row: number, col: number, style = 0, status = 0) => ({
    Id: String(11 - col),
    Position: { AreaNumber: area, ColumnIndex: col, RowIndex: row },
    SeatStyle: style,
    Status: overrides[`${area}-${row}-${col}`] ?? status,
  });
  const rowStatus: Record<number, number> = { 3: 1, 4: 2, 5: 3, 6: 5, 7: 7 };
  const rows = Array.from({ length: 6 }, (_, r) => ({
    PhysicalName: String(7 - r),
    Seats: Array.from({ length: 11 }, (_, i) => {
      const col = i + 1;
      if (r === 5 && (col === 5 || col === 6)) return seat(1, r, col, col === 5 ? 1 : 3);
      if (r === 5 && col >= 8 && col <= 10) return seat(1, r, col, col === 8 ? 1 : col === 10 ? 3 : 2);
      return seat(1, r, col, 0, r === 0 ? (rowStatus[col] ?? 0) : 0);
    }),
  }));
  return {
    ResponseCode: 0,
    ErrorDescription: null,
    SeatLayoutData: {
      AreaCategories: [],
      Areas: [
        {
          AreaCategoryCode: "0000000001",
          ColumnCount: 12,
          Description: "一号厅",
          DescriptionAlt: "",
          HasSofaSeatingEnabled: true,
          Height: 7,
          IsAllocatedSeating: true,
          Number: 1,
          RowCount: 7,
          Rows: rows,
        },
        {
          AreaCategoryCode: "0000000003",
          ColumnCount: 12,
          Description: "优选区",
          Number: 2,
          RowCount: 7,
          Rows: [
            ...Array.from({ length: 6 }, () => ({ PhysicalName: null, Seats: [] })),
            { PhysicalName: "1", Seats: [seat(2, 6, 4), seat(2, 6, 5)] },
          ],
        },
      ],
    },
  };
}

/** §3.4 返回结果说明: 包场 / manual sell-out, and invalid ids. */
export const seatPlanSoldOut = { ResponseCode: 67, ErrorDescription: "Session is sold out", SeatLayoutData: null };
export const seatPlanInvalid = {
  ResponseCode: 4,
  ErrorDescription: "Invalid cinema or session id",
  SeatLayoutData: null,
};

/** §3.5 AddTickets request of the sample (our client fields added by the connector). */
export const addTicketsRequest = {
  UserSessionId: "FTest201508060001",
  CinemaId: "0200",
  SessionId: "29617",
  TicketTypes: [{ TicketTypeCode: "0056", Qty: 2, PriceInCents: 5000, BookingFeeOverride: null }],
  ReturnOrder: true,
  BookingFeeOverride: null,
  SelectedSeats: [
    { AreaCategoryCode: "0000000001", AreaNumber: 1, RowIndex: 0, ColumnIndex: 1 },
    { AreaCategoryCode: "0000000001", AreaNumber: 1, RowIndex: 0, ColumnIndex: 2 },
  ],
};

/** §3.5 AddTickets response sample. */
export const addTicketsResponse = {
  ErrorDescription: null,
  Result: 0,
  AvailableSeats: 15,
  ExtendedResultCode: 0,
  Order: {
    BookingFeeValueCents: 0,
    CinemaId: "0200",
    LastUpdated: "/Date(1438827090884+0800)/",
    Sessions: [
      {
        AllocatedSeating: true,
        AltFilmTitle: "重返 20 岁",
        CinemaId: "0200",
        FilmClassification: "G",
        FilmTitle: "重返 20 岁",
        SeatsAllocated: true,
        SessionId: 29617,
        ShowingRealDateTime: "/Date(1438829400000+0800)/",
      },
    ],
    TotalOrderCount: 2,
    TotalTicketFeeValueInCents: null,
    TotalValueCents: 10000,
    UserSessionId: "FTest201508060001",
    VistaBookingNumber: 0,
    VistaTransactionNumber: 0,
  },
};

/** §3.5 补充说明 2: the price-override refusal. */
export const addTicketsPriceRefused = {
  ErrorDescription:
    "Ticket type 0042 could not be added to the order because ticket price overrides are not allowed. Either provide the correct price in cents, 4000, or enable the AllowTicketPriceOverride security behaviour for your profile.",
  Result: 4,
  Order: null,
};

export const addTicketsSeatsUnavailable = { ErrorDescription: "Seats unavailable", Result: 8, Order: null };

/** §3.6 GetOrder: "已 CompleteOrder". */
export const getOrderCompleted = {
  Order: {
    BookingFeeValueCents: 0,
    CinemaId: null,
    LastUpdated: "/Date(1450766797104+0800)/",
    Sessions: null,
    TotalOrderCount: 0,
    TotalTicketFeeValueInCents: null,
    TotalValueCents: 0,
    UserSessionId: "990001",
  },
  Result: 0,
};

/** §3.6 GetOrder: "已 Addtickets 但是未 CompleteOrder". */
export const getOrderOpen = {
  Order: {
    BookingFeeValueCents: 0,
    CinemaId: "0179",
    LastUpdated: "/Date(1450766247003+0800)/",
    Sessions: [
      { CinemaId: "0179", SessionId: 32334, ShowingRealDateTime: "/Date(1450935900000+0800)/", Tickets: [{}] },
    ],
    TotalOrderCount: 1,
    TotalTicketFeeValueInCents: null,
    TotalValueCents: 3500,
    UserSessionId: "990001",
  },
  Result: 0,
};

/** §3.7 and §3.8 answers. */
export const cancelOrderOk = { ErrorDescription: null, Result: 0 };
export const startExternalPaymentOk = {
  ErrorDescription: null,
  Result: 0,
  ExtendedResultCode: 0,
  PaymentRedirectUrl: null,
};

/** §3.9 CompleteOrder answer. */
export const completeOrderOk = {
  BalanceList: null,
  CinemaID: "0200",
  ErrorDescription: null,
  ExtendedResultCode: 0,
  HistoryID: "1935728",
  PassCollection: null,
  PaymentInfoCollection: [{}],
  PrintStream: "",
  PrintStreamCollection: null,
  Result: 0,
  VistaBookingId: "WQNX8JL",
  VistaBookingNumber: "111972",
  VistaTransNumber: "375975",
};

/** §3.10 QueryOrderBookingStatus answer. */
export const queryBookingStatusOk = {
  OrderSummary: {
    CinemaId: "0200",
    TotalValueCents: 10000,
    UserSessionId: "FTest201509140001",
    VistaBookingId: "WL5633Z",
    VistaBookingNumber: 112086,
  },
  ResponseCode: 0,
  ResponseDescription: "Booking exists at Cinema",
};
export const queryBookingStatusMissing = {
  OrderSummary: null,
  ResponseCode: 47,
  ResponseDescription: "Booking does not exist at Cinema",
};

/** §3.11 GetSingleBooking answer; `collected`/`refunded` set the two ticket statuses. */
export function singleBooking(collected = "0", refunded = "0") {
  return {
    Booking: {
      BookingDate: "/Date(1438827090840+0800)/",
      BookingId: "WQNX8JL",
      BookingNumber: 111972,
      BookingRef: "ABC Cinemas-111972, 2015/08/06 10:11",
      CancelledStatus: refunded,
      CinemaId: "0200",
      CinemaName: "CHTEST01",
      ClientId: "111.111.111.111",
      MaskedBookingCardNumber: "123456..9012",
      Phone: "",
      PickupName: "",
      Tickets: [1, 2].map((n) => ({
        CollectedStatus: collected,
        Description: "web ticket",
        DescriptionAlt: "",
        MovieName: "重返 20 岁",
        MovieNameAlt: "",
        PriceInCents: 5000,
        RefundedStatus: refunded,
        SessionDateTime: "/Date(1438829400000+0800)/",
        SessionId: 29617,
        TicketSequenceNumber: n,
        TicketTypeCode: "0056",
      })),
      TotalValueCents: 10000,
      UserSessionId: "FTest201508060001",
      VistaTransactionId: 375975,
    },
    ResultCode: 0,
  };
}

/** §3.12 RefundBooking answer. */
export const refundOk = { ErrorDescription: null, ResultCode: 0 };
