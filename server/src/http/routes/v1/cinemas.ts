import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { CatalogReads } from "../../../catalog/read-queries.js";
import type { CatalogServices } from "../../../catalog/services.js";
import { ApiError } from "../../problem.js";
import { ErrorResponses, PageOf, PageQuery } from "../../schemas.js";
import { CinemaDetail, CinemaItem, IdParam } from "./catalog-schemas.js";

type CinemaRow = Awaited<ReturnType<CatalogReads["cinemas"]>>["rows"][number];

/** GET /v1/cinemas and /v1/cinemas/{id}. */
export async function cinemaRoutes(app: FastifyInstance, opts: { reads: CatalogReads; catalog: CatalogServices }) {
  const { reads, catalog } = opts;

  const toItem = async (r: CinemaRow) => {
    const caps = (await catalog.registry.forCinema({ id: r.id, vendorAccountId: r.vendor_account_id })).capabilities;
    return {
      id: r.id,
      name: r.name,
      address: r.address,
      cityCode: r.city_code,
      phone: r.phone,
      nationalCode: r.national_code,
      vendor: r.vendor,
      ...(r.lat !== null && r.lng !== null ? { location: { lat: r.lat, lng: r.lng } } : {}),
      hallCount: Number(r.hallCount ?? 0),
      features: {
        refund: {
          allowed: caps.refund,
          ...(caps.refund && r.refund_before_minutes !== null ? { beforeShowMinutes: r.refund_before_minutes } : {}),
        },
        concessions: caps.concessions,
        memberCards: caps.memberCards,
        vouchers: caps.vouchers,
      },
    };
  };

  app.get(
    "/cinemas",
    {
      schema: {
        tags: ["catalogue"],
        summary: "Cinemas this channel may sell",
        querystring: Type.Intersect([
          PageQuery,
          Type.Object({ cityCode: Type.Optional(Type.String({ pattern: "^\\d{6}$" })) }),
        ]),
        response: { 200: PageOf(CinemaItem), ...ErrorResponses },
      },
    },
    async (req) => {
      const {
        page = 1,
        pageSize = 50,
        cityCode,
      } = req.query as { page?: number; pageSize?: number; cityCode?: string };
      const { rows, total } = await reads.cinemas(req.channel!.id, { cityCode }, page, pageSize);
      return { items: await Promise.all(rows.map(toItem)), page, pageSize, total };
    },
  );

  app.get(
    "/cinemas/:id",
    {
      schema: {
        tags: ["catalogue"],
        summary: "One cinema with its halls",
        params: IdParam,
        response: { 200: CinemaDetail, ...ErrorResponses },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const { rows } = await reads.cinemas(req.channel!.id, { cinemaId: id }, 1, 1);
      const row = rows[0];
      if (!row) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
      const halls = await reads.halls(id);
      return {
        ...(await toItem(row)),
        halls: halls.map((h) => ({ id: h.id, name: h.name, type: h.type, seatCount: h.seat_count })),
      };
    },
  );
}
