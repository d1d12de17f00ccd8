import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SimContext } from "../core/context.js";
import { runWithFaults } from "../core/fault-http.js";
import { type Catalog, positionKey, ticketTypesFor, type VistaSeat, type VistaSession } from "./catalog.js";
import { failure, restFaultRenderer, VistaCode } from "./codes.js";
import type { VistaState } from "./state.js";

/** RESTData.svc: GetTicketsForSession (§3.3) and GetSessionSeatPlan (§3.4). */

export const RESTDATA_BASE = "/WSVistaWebClient/RESTData.svc";

/** Seat statuses of §3.4 (4 and 6 are not listed by the document). */
export const SeatStatus = {
  Empty: 0,
  Sold: 1,
  Reserved: 2,
  Special: 3,
  Broken: 5,
  SpecialReserved: 7,
} as const;

/** SeatStyle: 0 normal, 1 SofaLeft, 2 SofaMiddle, 3 SofaRight. */
function seatStyle(vs: VistaSeat): number {
  if (vs.seat.type === "loveLeft") return 1;
  if (vs.seat.type === "loveRight") return 3;
  return 0;
}

/** The seat's status for this session: broken, sold/held by an order, wheelchair (special) or empty. */
export function seatStatus(state: VistaState, session: VistaSession, vs: VistaSeat): number {
  if (vs.seat.broken) return SeatStatus.Broken;
  if (state.holder(session.sessionId, vs.seat.id)) return SeatStatus.Sold;
  if (vs.seat.type === "wheelchair") return SeatStatus.Special;
  return SeatStatus.Empty;
}

/** Sellable statuses: empty seats and special (wheelchair) seats. */
export function isSellable(status: number): boolean {
  return status === SeatStatus.Empty || status === SeatStatus.Special;
}

/** The other seats of a sofa group (love seats come in pairs). */
export function sofaGroup(session: VistaSession, vs: VistaSeat): VistaSeat[] {
  if (!vs.seat.pairSeatId) return [vs];
  const other = session.hall.seatsById.get(vs.seat.pairSeatId);
  if (!other) return [vs];
  return vs.seat.type === "loveRight" ? [other, vs] : [vs, other];
}

function position(vs: VistaSeat) {
  return { AreaNumber: vs.area.number, ColumnIndex: vs.columnIndex, RowIndex: vs.rowIndex };
}

export function renderSeatLayout(state: VistaState, session: VistaSession): Record<string, unknown> {
  const hall = session.hall.hall;
  const areas = session.hall.areas.map((area) => {
    // Every area shares the hall's logical grid (Top/Left 0): Rows[i] is RowIndex i.
    const rows = Array.from({ length: hall.rows }, (_, rowIndex) => {
      const seats = area.seats
        .map((s) => session.hall.seatsById.get(s.id)!)
        .filter((vs) => vs.rowIndex === rowIndex)
        .sort((a, b) => a.columnIndex - b.columnIndex);
      return {
        PhysicalName: seats[0]?.seat.rowLabel ?? null,
        Seats: seats.map((vs) => {
          const status = seatStatus(state, session, vs);
          const group = vs.seat.pairSeatId ? sofaGroup(session, vs).map(position) : null;
          return {
            Id: vs.seat.colLabel,
            OriginalStatus: status,
            Position: position(vs),
            Priority: 0,
            SeatStyle: seatStyle(vs),
            SeatsInGroup: group,
            Status: status,
          };
        }),
      };
    });
    return {
      AreaCategoryCode: area.areaCategoryCode,
      ColumnCount: hall.cols,
      Description: area.description,
      DescriptionAlt: "",
      HasSofaSeatingEnabled: area.hasSofa,
      Height: hall.rows,
      IsAllocatedSeating: true,
      Left: 0,
      Number: area.number,
      NumberOfSeats: area.seats.length,
      RowCount: hall.rows,
      Rows: rows,
      Top: 0,
      Width: hall.cols,
    };
  });
  return {
    AreaCategories: session.hall.areas.map((a) => ({
      AreaCategoryCode: a.areaCategoryCode,
      IsInSeatDeliveryEnabled: false,
      SeatsAllocatedCount: 0,
      SeatsNotAllocatedCount: 0,
      SeatsToAllocate: 0,
      SelectedSeats: [],
    })),
    Areas: areas,
    BoundaryLeft: 0,
    BoundaryRight: hall.cols,
    BoundaryTop: 0,
    ScreenStart: 0,
    ScreenWidth: hall.cols,
  };
}

/** Looks a seat up by its AddTickets / seat-plan coordinates. */
export function seatAt(session: VistaSession, areaNumber: number, rowIndex: number, columnIndex: number) {
  return session.hall.seatsByPosition.get(positionKey(areaNumber, rowIndex, columnIndex));
}

type Params = { cinemaId: string; sessionId: string };

export function registerRestData(app: FastifyInstance, ctx: SimContext, catalog: Catalog, state: VistaState) {
  const findSession = (p: Params): VistaSession | undefined => {
    const s = catalog.sessionById.get(p.sessionId);
    return s && s.cinema.internalCode === p.cinemaId ? s : undefined;
  };

  app.get(`${RESTDATA_BASE}/cinemas/:cinemaId/sessions/:sessionId/tickets`, async (req, reply) =>
    runWithFaults(ctx.faults, "GetTicketsForSession", reply, restFaultRenderer("GetTicketsForSession"), () => {
      state.tick();
      const session = findSession(req.params as Params);
      if (!session) {
        return {
          ...failure("GetTicketsForSession", VistaCode.InvalidRequestData, "Invalid cinema or session id"),
          Tickets: null,
        };
      }
      return {
        ResponseCode: VistaCode.OK,
        ErrorDescription: null,
        Tickets: ticketTypesFor(session).map((t) => ({ ...t, CinemaId: session.cinema.internalCode })),
      };
    }),
  );

  app.get(
    `${RESTDATA_BASE}/cinemas/:cinemaId/sessions/:sessionId/seat-plan`,
    async (req: FastifyRequest, reply: FastifyReply) =>
      runWithFaults(ctx.faults, "GetSessionSeatPlan", reply, restFaultRenderer("GetSessionSeatPlan"), () => {
        state.tick();
        const session = findSession(req.params as Params);
        if (!session) {
          return {
            ResponseCode: VistaCode.InvalidRequestData,
            ErrorDescription: "Invalid cinema or session id",
            SeatLayoutData: null,
          };
        }
        if (!session.showtime.onSale) {
          // 包场 / manually sold out: 67 with no layout (a real sell-out answers 0 with every seat sold).
          return {
            ResponseCode: VistaCode.SeatMapRequestedForSoldOutSession,
            ErrorDescription: "The session requested is marked as sold out",
            SeatLayoutData: null,
          };
        }
        return { ResponseCode: VistaCode.OK, ErrorDescription: null, SeatLayoutData: renderSeatLayout(state, session) };
      }),
  );
}
