import type { Selectable } from "kysely";
import { readJson } from "../db/json-column.js";
import type { ShowtimesTable } from "../db/schema.js";
import type { AreaPrice, VendorShowtime } from "../domain/catalog.js";

export type StoredShowtime = Pick<
  Selectable<ShowtimesTable>,
  | "vendor_showtime_id"
  | "starts_at"
  | "ends_at"
  | "stop_selling_at"
  | "on_sale"
  | "list_fen"
  | "settle_fen"
  | "lowest_fen"
  | "vendor_fee_fen"
  | "version_key"
  | "vendor_data"
  | "area_prices"
>;

/**
 * A stored showtime in the connector's terms, for the calls that need the vendor's view of it
 * (seat layout per session, live seat status, trading). Film fields are not needed there.
 */
export function toVendorShowtime(row: StoredShowtime, vendorHallId: string): VendorShowtime {
  return {
    vendorShowtimeId: row.vendor_showtime_id,
    vendorHallId,
    vendorFilmId: "",
    startsAt: row.starts_at.getTime(),
    endsAt: row.ends_at?.getTime(),
    stopSellingAt: row.stop_selling_at.getTime(),
    onSale: row.on_sale,
    price: {
      listFen: row.list_fen,
      settleFen: row.settle_fen,
      lowestFen: row.lowest_fen,
      serviceFeeFen: row.vendor_fee_fen,
    },
    areaPrices: readJson<AreaPrice[]>(row.area_prices).map((a) => ({
      areaId: a.areaId,
      areaName: a.areaName,
      settleFen: a.settleFen,
    })),
    versionKey: row.version_key ?? undefined,
    vendorData: readJson<Record<string, unknown>>(row.vendor_data),
  };
}
