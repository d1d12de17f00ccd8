import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { apiGet } from "../../api";
import type { CinemaList } from "./types";

export const useCinemas = () =>
  useQuery({ queryKey: ["ops-cinemas"], queryFn: () => apiGet<CinemaList>("/admin/cinemas") });

/** Picks one of the cinemas the user may see (operators get only theirs from the API). */
export function CinemaPicker({ value, onChange }: { value?: string; onChange(id: string): void }) {
  const cinemas = useCinemas();
  return (
    <Select
      showSearch
      style={{ minWidth: 320 }}
      value={value}
      onChange={onChange}
      loading={cinemas.isPending}
      optionFilterProp="label"
      data-testid="cinema-picker"
      options={(cinemas.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.name} · ${c.vendor} ${c.vendorCinemaId}`,
      }))}
    />
  );
}
