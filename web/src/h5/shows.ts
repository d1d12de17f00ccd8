import { useQuery } from "@tanstack/react-query";
import { api, type Film, type Showtime } from "./api";
import { useSite } from "./site-context";

/** One business day's showtimes of the site's cinema (optionally of one film). */
export function useShowtimes(day: string, filmId?: string) {
  const site = useSite();
  const q = new URLSearchParams({ date: day, pageSize: "200", ...(filmId ? { filmId } : {}) });
  return useQuery({
    queryKey: ["showtimes", day, filmId ?? ""],
    queryFn: () => api<{ items: Showtime[] }>(`/cinemas/${site.cinemaId}/showtimes?${q}`),
  });
}

/** The films on sale at the site's cinema. */
export function useFilms() {
  const site = useSite();
  return useQuery({
    queryKey: ["films"],
    queryFn: () => api<{ items: Film[] }>(`/films?cinemaId=${site.cinemaId}&pageSize=200`),
    staleTime: 60_000,
  });
}
