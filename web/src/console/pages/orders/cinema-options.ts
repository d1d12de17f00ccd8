import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api";
import type { CinemaList } from "../operations/types";
import type { CinemaOption } from "./types";

/** The cinemas this user may see, for pickers (one cached query shared by the orders pages). */
export function useCinemaOptions(): CinemaOption[] {
  const cinemas = useQuery({
    queryKey: ["cinema-options"],
    queryFn: () => apiGet<CinemaList>("/admin/cinemas"),
    staleTime: 60_000,
  });
  return cinemas.data?.items ?? [];
}
