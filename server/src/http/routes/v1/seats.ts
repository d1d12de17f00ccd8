import type { FastifyInstance } from "fastify";
import type { CatalogReads } from "../../../catalog/read-queries.js";
import { publicSeatId } from "../../../catalog/seat-ids.js";
import type { CatalogServices } from "../../../catalog/services.js";
import { toVendorShowtime } from "../../../catalog/stored-showtime.js";
import type { SeatLayout } from "../../../domain/catalog.js";
import { toChinaIso } from "../../../domain/time.js";
import { ApiError } from "../../problem.js";
import { ErrorResponses } from "../../schemas.js";
import { IdParam, SeatMap } from "./catalog-schemas.js";

/** GET /v1/showtimes/{id}/seats: the stored layout merged with live, shared, few-seconds-old status. */
export async function seatRoutes(app: FastifyInstance, opts: { reads: CatalogReads; catalog: CatalogServices }) {
  const { reads, catalog } = opts;
  app.get(
    "/showtimes/:id/seats",
    {
      schema: {
        tags: ["seats"],
        summary: "Seat map with live status",
        params: IdParam,
        response: { 200: SeatMap, ...ErrorResponses, 503: { $ref: "Problem" } },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const st = await reads.showtimeForSeats(req.channel!.id, id);
      if (!st) throw new ApiError("NOT_FOUND", `showtime ${id} not found`);
      if (!st.layout)
        throw new ApiError("VENDOR_UNAVAILABLE", "the hall's seat layout has not been synced yet; retry shortly");
      const layout = (typeof st.layout === "string" ? JSON.parse(st.layout) : st.layout) as SeatLayout;
      const answer = await catalog.seats.get({
        showtimeId: id,
        vendorAccountId: st.vendor_account_id,
        cinema: {
          vendorCinemaId: st.vendor_cinema_id,
          nationalCode: st.national_code ?? undefined,
          shanghai: st.shanghai,
        },
        showtime: toVendorShowtime(st, st.vendor_hall_id),
      });
      if (!answer.ok) throw new ApiError("VENDOR_UNAVAILABLE", `live seat status unavailable: ${answer.error.message}`);
      const connector = await catalog.registry.forAccount(st.vendor_account_id);
      const areaSale = new Map(
        (typeof st.area_prices === "string"
          ? JSON.parse(st.area_prices)
          : (st.area_prices as Array<{ areaId: string; saleFen: number }>)
        ).map((a: { areaId: string; saleFen: number }) => [a.areaId, a.saleFen]),
      );
      return {
        showtimeId: id,
        hallId: st.hall_id,
        rows: layout.rows,
        cols: layout.cols,
        areas: layout.areas.map((a) => ({ id: a.id, name: a.name, saleFen: areaSale.get(a.id) ?? st.sale_fen })),
        seats: layout.seats.map((s) => ({
          id: publicSeatId(s.vendorSeatId),
          row: s.rowLabel,
          col: s.colLabel,
          x: s.x,
          y: s.y,
          type: s.kind,
          ...(s.pairSeatId ? { pairId: publicSeatId(s.pairSeatId) } : {}),
          ...(s.areaId ? { areaId: s.areaId } : {}),
          status: s.broken ? "unavailable" : (answer.status[s.vendorSeatId] ?? "available"),
        })),
        statusAsOf: toChinaIso(answer.asOf),
        maxSeatsPerOrder: connector.capabilities.maxSeatsPerOrder,
      };
    },
  );
}
