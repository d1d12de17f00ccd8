import type { AreaPrice, SeatLayout } from "./catalog.js";

/**
 * The priced areas of one showtime and the seats in each. Area pricing belongs to a showtime, not a
 * hall: ykse reads area seats per schedule (doc 002 §4.4, §11: scheduleId + scheduleKey) and VISTA
 * reads area categories per session (doc 003 seat plan, ticket types per session), so two showtimes
 * in one hall can have different areas, or one can be area-priced and the next not.
 */
export interface ShowtimeAreas {
  areas: Array<{ id: string; name: string }>;
  /** vendorSeatId → area id; a seat not listed is in no priced area. */
  seatAreas: Record<string, string>;
}

export const NO_AREAS: ShowtimeAreas = Object.freeze({ areas: [], seatAreas: {} }) as ShowtimeAreas;

/**
 * The vendor token a showtime's area seats were read for, or undefined when the showtime has no
 * priced area (then there is nothing to read: ykse §4.4.2 note 1). It changes with the scheduleKey
 * (ykse) and with the set of priced areas (VISTA has no such key), and then the areas are read again.
 */
export function areasKeyOf(showtime: {
  versionKey?: string | null;
  areaPrices: readonly AreaPrice[];
}): string | undefined {
  if (showtime.areaPrices.length === 0) return undefined;
  const ids = showtime.areaPrices.map((a) => a.areaId).sort();
  return `${showtime.versionKey ?? ""}|${ids.join(",")}`;
}

/**
 * The hall's layout as one showtime sells it: each seat's area is the showtime's, never what the hall
 * layout carried from whichever showtime it was read through.
 */
export function layoutForShowtime(layout: SeatLayout, areas: ShowtimeAreas): SeatLayout {
  return {
    ...layout,
    areas: areas.areas,
    seats: layout.seats.map((s) => {
      const { areaId: _hallArea, ...seat } = s;
      const areaId = areas.seatAreas[s.vendorSeatId];
      return areaId ? { ...seat, areaId } : seat;
    }),
  };
}

/** A layout's own seat → area assignment (for vendors whose seat plan is read per session). */
export function areasOfLayout(layout: SeatLayout): ShowtimeAreas {
  const seatAreas: Record<string, string> = {};
  for (const s of layout.seats) if (s.areaId) seatAreas[s.vendorSeatId] = s.areaId;
  return { areas: layout.areas, seatAreas };
}
