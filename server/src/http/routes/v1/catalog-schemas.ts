import { Type } from "@sinclair/typebox";

/** Response schemas of the catalogue endpoints (shared/API.md). They also drive fast serialisation. */
export const CityItem = Type.Object({ cityCode: Type.String(), name: Type.String(), cinemaCount: Type.Integer() });

export const CinemaItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Type.String(),
  cityCode: Type.Union([Type.String(), Type.Null()]),
  phone: Type.String(),
  nationalCode: Type.Union([Type.String(), Type.Null()]),
  vendor: Type.String(),
  location: Type.Optional(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  hallCount: Type.Integer(),
  features: Type.Object({
    refund: Type.Object({ allowed: Type.Boolean(), beforeShowMinutes: Type.Optional(Type.Integer()) }),
    concessions: Type.Boolean(),
    memberCards: Type.Boolean(),
    vouchers: Type.Boolean(),
  }),
});

export const CinemaDetail = Type.Intersect([
  CinemaItem,
  Type.Object({
    halls: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), type: Type.String(), seatCount: Type.Integer() }),
    ),
  }),
]);

export const FilmItem = Type.Object({
  id: Type.String(),
  nationalCode: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  language: Type.String(),
  durationMinutes: Type.Union([Type.Integer(), Type.Null()]),
  versions: Type.Array(Type.String()),
  poster: Type.Optional(Type.String()),
  director: Type.Optional(Type.String()),
  cast: Type.Optional(Type.String()),
  releaseDate: Type.Optional(Type.String()),
});

export const ShowtimeItem = Type.Object({
  id: Type.String(),
  cinemaId: Type.String(),
  hallId: Type.String(),
  hallName: Type.String(),
  filmId: Type.String(),
  filmTitle: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.Optional(Type.String()),
  stopSellingAt: Type.String(),
  onSale: Type.Boolean(),
  language: Type.String(),
  version: Type.String(),
  price: Type.Object({ listFen: Type.Integer(), saleFen: Type.Integer(), serviceFeeFen: Type.Integer() }),
  areaPrices: Type.Optional(Type.Array(Type.Object({ areaName: Type.String(), saleFen: Type.Integer() }))),
});

export const SeatMap = Type.Object({
  showtimeId: Type.String(),
  hallId: Type.String(),
  rows: Type.Integer(),
  cols: Type.Integer(),
  areas: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), saleFen: Type.Integer() })),
  seats: Type.Array(
    Type.Object({
      id: Type.String(),
      row: Type.String(),
      col: Type.String(),
      x: Type.Integer(),
      y: Type.Integer(),
      type: Type.String(),
      pairId: Type.Optional(Type.String()),
      areaId: Type.Optional(Type.String()),
      status: Type.String(),
    }),
  ),
  statusAsOf: Type.String(),
  maxSeatsPerOrder: Type.Integer(),
});

export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
