import { type Static, Type } from "@sinclair/typebox";
import type { cinemaDetail } from "../../../../ops/cinema-detail.js";
import type { CinemaListItem } from "../../../../ops/cinema-list.js";
import { DIAGNOSIS_CHECKS } from "../../../../ops/diagnosis.js";
import type { DiagnosisRun } from "../../../../ops/diagnosis-runs.js";
import type { HomeView } from "../../../../ops/home.js";
import type { VendorQueryResult } from "../../../../ops/vendor-query.js";
import { VENDOR_QUERY_CALL_NAMES } from "../../../../ops/vendor-query-calls.js";
import { sameShape } from "../../../same-shape.js";
import { ItemsOf, Literals, Nullable, Text, VendorCallRecord } from "./common.js";

/** Response schemas of the operations views (home, cinemas, cinema page, vendor query, diagnosis). */

const Str = Type.String();

export const SyncHealth = Type.Object({
  status: Literals(["ok", "failing", "stale", "pending", "manual"]),
  lastSuccessAt: Nullable(Str),
  lastFailureAt: Nullable(Str),
  errors: Type.Array(Str),
});

export const CinemaListItemSchema = Type.Object({
  id: Str,
  name: Str,
  vendor: Str,
  vendorAccountId: Str,
  vendorCinemaId: Str,
  nationalCode: Nullable(Str),
  cityCode: Nullable(Str),
  active: Type.Boolean(),
  hallCount: Type.Integer(),
  channels: Type.Array(Str),
  sync: SyncHealth,
  createdAt: Str,
});
sameShape<Static<typeof CinemaListItemSchema>, CinemaListItem>(true);

export const CinemaList = ItemsOf(CinemaListItemSchema);

export const HomeViewSchema = Type.Object({
  needsAttention: Type.Object({
    count: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Str,
        cinemaId: Str,
        cinemaName: Str,
        status: Str,
        reason: Nullable(Str),
        updatedAt: Str,
      }),
    ),
  }),
  priceHolds: Type.Object({
    count: Type.Integer(),
    items: Type.Array(
      Type.Object({
        showtimeId: Str,
        vendorShowtimeId: Str,
        cinemaId: Str,
        cinemaName: Str,
        startsAt: Str,
        warning: Str,
      }),
    ),
  }),
  cinemas: Type.Object({ total: Type.Integer(), problems: Type.Array(CinemaListItemSchema) }),
  vendors: Type.Array(
    Type.Object({
      accountId: Str,
      accountName: Str,
      vendor: Str,
      calls: Type.Integer(),
      errors: Type.Integer(),
      errorRate: Type.Number(),
      p95Ms: Type.Number(),
      /** Error outcomes by code, most frequent first: [code, count]. */
      topErrors: Type.Array(Type.Tuple([Str, Type.Integer()])),
      status: Literals(["ok", "errors", "slow", "quiet"]),
    }),
  ),
});
sameShape<Static<typeof HomeViewSchema>, HomeView>(true);

const LayoutSeat = Type.Object({
  vendorSeatId: Str,
  rowLabel: Str,
  colLabel: Str,
  x: Type.Number(),
  y: Type.Number(),
  kind: Literals(["normal", "loveLeft", "loveRight", "wheelchair", "vip", "motion"]),
  pairSeatId: Type.Optional(Str),
  areaId: Type.Optional(Str),
  broken: Type.Optional(Type.Boolean()),
});

export const SeatLayoutSchema = Type.Object({
  vendorHallId: Str,
  rows: Type.Integer(),
  cols: Type.Integer(),
  seats: Type.Array(LayoutSeat),
  areas: Type.Array(Type.Object({ id: Str, name: Str })),
});

const SyncRunErrors = Type.Array(Type.Object({ entity: Str, code: Str, message: Str, vendorCode: Type.Optional(Str) }));
const SyncRunStatus = Literals(["running", "succeeded", "failed"]);

export const CinemaDetailSchema = Type.Object({
  cinema: Type.Object({
    id: Str,
    name: Str,
    vendor: Str,
    vendorAccount: Nullable(Type.Object({ id: Str, name: Str })),
    vendorCinemaId: Str,
    nationalCode: Nullable(Str),
    cityCode: Nullable(Str),
    address: Str,
    phone: Str,
    active: Type.Boolean(),
    shanghai: Type.Boolean(),
    refundBeforeMinutes: Nullable(Type.Integer()),
    channels: Type.Array(Str),
    createdAt: Str,
  }),
  buyerSite: Nullable(Type.Object({ enabled: Type.Boolean(), slug: Str, url: Str })),
  sync: SyncHealth,
  syncState: Type.Array(
    Type.Object({
      entity: Str,
      lastSuccessAt: Nullable(Str),
      lastFailureAt: Nullable(Str),
      lastError: Nullable(Str),
      dueAt: Str,
    }),
  ),
  halls: Type.Array(
    Type.Object({
      id: Str,
      vendorHallId: Str,
      name: Str,
      type: Str,
      seatCount: Type.Integer(),
      layout: Nullable(SeatLayoutSchema),
    }),
  ),
  showtimeDays: Type.Array(
    Type.Object({
      businessDay: Str,
      showtimes: Type.Array(
        Type.Object({
          id: Str,
          vendorShowtimeId: Str,
          filmTitle: Str,
          hallName: Str,
          startsAt: Str,
          stopSellingAt: Str,
          onSale: Type.Boolean(),
          language: Str,
          version: Str,
          listFen: Type.Integer(),
          settleFen: Type.Integer(),
          lowestFen: Type.Integer(),
          saleFen: Type.Integer(),
          serviceFeeFen: Type.Integer(),
          areaPrices: Type.Array(
            Type.Object({
              areaId: Str,
              areaName: Type.Optional(Str),
              settleFen: Type.Integer(),
              saleFen: Type.Integer(),
            }),
          ),
          /** Why the sync keeps this showtime off sale (price unreadable or outside the sane band). */
          priceWarning: Nullable(Str),
        }),
      ),
    }),
  ),
  syncRuns: Type.Array(
    Type.Object({
      id: Str,
      entities: Type.Array(Str),
      status: SyncRunStatus,
      startedAt: Str,
      finishedAt: Nullable(Str),
      durationMs: Nullable(Type.Integer()),
      counts: Type.Record(Str, Type.Number()),
      errors: SyncRunErrors,
      warnings: Type.Array(
        Type.Object({
          entity: Str,
          code: Literals(["price_unreadable", "price_out_of_band", "settle_above_list"]),
          vendorShowtimeId: Str,
          message: Str,
        }),
      ),
    }),
  ),
});
sameShape<Static<typeof CinemaDetailSchema>, NonNullable<Awaited<ReturnType<typeof cinemaDetail>>>>(true);

/** GET /admin/sync-runs: the runs as stored (times as ISO instants). */
export const SyncRunList = ItemsOf(
  Type.Object({
    id: Str,
    cinemaId: Str,
    entities: Type.Array(Str),
    status: SyncRunStatus,
    startedAt: Type.String({ format: "date-time" }),
    finishedAt: Nullable(Type.String({ format: "date-time" })),
    durationMs: Nullable(Type.Integer()),
    counts: Type.Record(Str, Type.Number()),
    errors: SyncRunErrors,
  }),
);

const Finding = Type.Object({
  check: Literals(DIAGNOSIS_CHECKS),
  status: Literals(["ok", "warn", "fail", "skipped"]),
  title: Text,
  detail: Text,
  fix: Type.Optional(Text),
  durationMs: Type.Number(),
  data: Type.Optional(Type.Record(Str, Type.Unknown())),
});

export const DiagnosisRunSchema = Type.Object({
  id: Str,
  cinemaId: Str,
  actor: Str,
  status: Literals(["running", "done"]),
  startedAt: Str,
  finishedAt: Nullable(Str),
  checks: Type.Array(
    Type.Object({
      check: Literals(DIAGNOSIS_CHECKS),
      state: Literals(["pending", "running", "done"]),
      finding: Type.Optional(Finding),
    }),
  ),
  summary: Nullable(Text),
});
sameShape<Static<typeof DiagnosisRunSchema>, DiagnosisRun>(true);

export const VendorQueryCallList = ItemsOf(
  Type.Object({ name: Literals(VENDOR_QUERY_CALL_NAMES), needs: Type.Array(Str), memberCards: Type.Boolean() }),
);

export const VendorQueryResultSchema = Type.Object({
  call: Literals(VENDOR_QUERY_CALL_NAMES),
  vendor: Str,
  cinemaId: Str,
  ok: Type.Boolean(),
  /** The decoded answer in the domain's terms (fen, epoch ms, our seat kinds); its shape is the call's. */
  result: Type.Optional(Type.Unknown()),
  error: Type.Optional(Type.Object({ code: Str, message: Str, vendorCode: Type.Optional(Str) })),
  vendorCode: Type.Optional(Str),
  durationMs: Type.Number(),
  calls: Type.Array(VendorCallRecord),
});
sameShape<Static<typeof VendorQueryResultSchema>, VendorQueryResult>(true);
