import { createHash } from "node:crypto";
import { createCache } from "async-cache-dedupe";
import type { FastifyInstance } from "fastify";
import type { CatalogReads } from "../../../catalog/read-queries.js";
import { publicSeatId } from "../../../catalog/seat-ids.js";
import type { CatalogServices } from "../../../catalog/services.js";
import { showtimeAreas } from "../../../catalog/showtime-areas.js";
import { toVendorShowtime } from "../../../catalog/stored-showtime.js";
import { readJson } from "../../../db/json-column.js";
import type { SeatLayout } from "../../../domain/catalog.js";
import { layoutForShowtime } from "../../../domain/showtime-areas.js";
import { toChinaIso } from "../../../domain/time.js";
import { type PricingService, pricingFor } from "../../../pricing/service.js";
import { ApiError } from "../../problem.js";
import { ErrorResponses } from "../../schemas.js";
import { IdParam, SeatMap } from "./catalog-schemas.js";

type StoredShowtime = NonNullable<Awaited<ReturnType<CatalogReads["showtimeForSeats"]>>> & {
  channelPrices: Awaited<ReturnType<PricingService["seatMapPrices"]>>;
};

interface StoredKey {
  channelId: string;
  channelCode: string;
  showtimeId: string;
  ruleRevision: string;
}

/**
 * GET /v1/showtimes/{id}/seats: the stored layout merged with live, shared, few-seconds-old status.
 * Hundreds of buyers refresh one popular show's map at once (B2), so like the showtime list the
 * stored part is kept a few seconds per channel and showtime (concurrent misses share one query),
 * and the merged map is built, serialised and hashed once per stored row and vendor answer (the
 * seat-status cache hands out the same answer object for its whole window) instead of per request.
 */
export async function seatRoutes(
  app: FastifyInstance,
  opts: { reads: CatalogReads; catalog: CatalogServices; cacheSeconds?: number },
) {
  const { reads, catalog } = opts;
  const pricing = pricingFor(reads.db, catalog.clock);
  const stored = createCache({
    ttl: opts.cacheSeconds ?? 5,
    storage: { type: "memory", options: { size: 5000 } },
  }).define(
    "showtime",
    {
      // The rule revision is part of the key: a pricing rule change shows on the next seat map at once,
      // as it does on the showtime list, instead of after the stored part's few seconds.
      serialize: (k: StoredKey) => `${k.channelId}|${k.showtimeId}|${k.ruleRevision}`,
    },
    async (k: StoredKey) => {
      const st = await reads.showtimeForSeats(k.channelId, k.showtimeId);
      // The channel's own prices (pricing rules), read with the stored part, not per request.
      return st && { ...st, channelPrices: await pricing.seatMapPrices(k.channelCode, k.showtimeId) };
    },
  );
  const rendered = new WeakMap<StoredShowtime, { status: object; asOf: number; body: Buffer; etag: string }>();

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
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { revision } = await pricing.rules.current();
      const st = await stored.showtime({
        channelId: req.channel!.id,
        channelCode: req.channel!.code,
        showtimeId: id,
        ruleRevision: revision,
      });
      if (!st) throw new ApiError("NOT_FOUND", `showtime ${id} not found`);
      if (!st.layout)
        throw new ApiError("VENDOR_UNAVAILABLE", "the hall's seat layout has not been synced yet; retry shortly");
      const cinema = {
        vendorCinemaId: st.vendor_cinema_id,
        nationalCode: st.national_code ?? undefined,
        shanghai: st.shanghai,
      };
      const answer = await catalog.seats.get({
        showtimeId: id,
        vendorAccountId: st.vendor_account_id,
        cinema,
        showtime: toVendorShowtime(st, st.vendor_hall_id),
      });
      if (!answer.ok) throw new ApiError("VENDOR_UNAVAILABLE", `live seat status unavailable: ${answer.error.message}`);
      const done = rendered.get(st);
      if (done && done.status === answer.status && done.asOf === answer.asOf) {
        return reply.header("etag", done.etag).type("application/json; charset=utf-8").send(done.body);
      }
      const connector = await catalog.registry.forCinema({ id: st.cinema_id, vendorAccountId: st.vendor_account_id });
      // The seats' areas are this showtime's own (ykse §4.4 per schedule, VISTA per session).
      const areas = await showtimeAreas(catalog.db, connector, cinema, st.vendor_hall_id, st);
      if (!areas.ok) throw new ApiError("VENDOR_UNAVAILABLE", `area seats unavailable: ${areas.error.message}`);
      const layout = layoutForShowtime(readJson<SeatLayout>(st.layout), areas.value);
      const areaSale = new Map(
        readJson<Array<{ areaId: string; saleFen: number }>>(st.area_prices).map((a) => [a.areaId, a.saleFen]),
      );
      const payload = {
        showtimeId: id,
        hallId: st.hall_id,
        rows: layout.rows,
        cols: layout.cols,
        areas: layout.areas.map((a) => ({
          id: a.id,
          name: a.name,
          saleFen: st.channelPrices
            ? (st.channelPrices.areas.get(a.id) ?? st.channelPrices.saleFen)
            : (areaSale.get(a.id) ?? st.sale_fen),
        })),
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
      const body = Buffer.from(reply.serialize(payload) as string); // the route schema's serialiser: a string
      // The same form as @fastify/etag's, which then only answers If-None-Match with 304.
      const etag = `W/"${createHash("sha1").update(body).digest("base64")}"`;
      rendered.set(st, { status: answer.status, asOf: answer.asOf, body, etag });
      return reply.header("etag", etag).type("application/json; charset=utf-8").send(body);
    },
  );
}
