import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Input, NavBar, NoticeBar, Toast } from "antd-mobile";
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api, BuyerProblem, hhmm, nextDays, type Order, type Seat, type SeatMap, type Showtime, yuan } from "../api";
import { t } from "../i18n";
import { Retry } from "../retry";
import { areaColour, isLove, partnerOf, SeatMapView } from "../seat-map";
import { useSite } from "../site-context";

const MOBILE = /^1[3-9]\d{9}$/;

/** 32 hex characters (getRandomValues works on plain-http pages too, unlike randomUUID). */
const randomKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/** A showtime out of the next days' lists (already cached from the film page). */
function useShowtime(id: string) {
  const site = useSite();
  return useQuery({
    queryKey: ["showtime", id],
    queryFn: async () => {
      for (const day of nextDays()) {
        const r = await api<{ items: Showtime[] }>(`/cinemas/${site.cinemaId}/showtimes?date=${day}&pageSize=200`);
        const s = r.items.find((x) => x.id === id);
        if (s) return s;
      }
      return null;
    },
    staleTime: 60_000,
  });
}

/**
 * The seat map: live status refreshed when the page regains focus (and every 20 s), love seats
 * chosen as a pair, at most the showtime's seats per order, the single-gap rule explained before
 * confirm. A seat taken between map and tap refreshes the map and keeps the buyer's other seats.
 */
export default function SeatsPage() {
  const { showtimeId = "" } = useParams();
  const site = useSite();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const showtime = useShowtime(showtimeId);
  const map = useQuery({
    queryKey: ["seats", showtimeId],
    queryFn: () => api<SeatMap>(`/showtimes/${showtimeId}/seats`),
    refetchOnWindowFocus: "always",
    refetchInterval: 20_000,
  });
  const [picked, setPicked] = useState<string[]>([]);
  const [mobile, setMobile] = useState(() => localStorage.getItem("cg-mobile") ?? "");
  const [busy, setBusy] = useState(false);
  // One key per selection: a double tap, or a retry after a lost answer, is the same order.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key for each new selection
  const key = useMemo(() => randomKey(), [picked]);

  const m = map.data;
  // Seats no longer free (someone else took them) leave the selection as the map refreshes.
  const selected = new Set(picked.filter((id) => m?.seats.find((s) => s.id === id)?.status === "available"));
  const vendorDown = map.isError && map.error instanceof BuyerProblem && map.error.status === 503;
  const priceOf = (s: Seat) =>
    (s.areaId ? m?.areas.find((a) => a.id === s.areaId)?.saleFen : undefined) ?? showtime.data?.price.saleFen ?? 0;
  const fee = showtime.data?.price.serviceFeeFen ?? 0;
  const chosen = m ? m.seats.filter((s) => selected.has(s.id)) : [];
  const total = chosen.reduce((sum, s) => sum + priceOf(s) + fee, 0);

  const tap = (seat: Seat) => {
    if (!m) return;
    const group = [seat, ...(isLove(seat) ? [partnerOf(m, seat)].filter((x): x is Seat => !!x) : [])];
    const ids = group.map((s) => s.id);
    if (selected.has(seat.id)) {
      setPicked([...selected].filter((id) => !ids.includes(id)));
      return;
    }
    if (group.some((s) => s.status !== "available")) return;
    if (selected.size + ids.length > m.maxSeatsPerOrder) {
      Toast.show(t("maxSeats", { n: m.maxSeatsPerOrder }));
      return;
    }
    setPicked([...selected, ...ids]);
  };

  const confirm = async () => {
    if (!MOBILE.test(mobile)) {
      Toast.show(t("mobileInvalid"));
      return;
    }
    localStorage.setItem("cg-mobile", mobile);
    setBusy(true);
    try {
      const order = await api<Order>("/orders", {
        method: "POST",
        key,
        body: { showtimeId, seatIds: [...selected], mobile },
      });
      navigate(`/orders/${order.id}`);
    } catch (err) {
      if (err instanceof BuyerProblem && err.code === "SEAT_UNAVAILABLE") {
        Toast.show(t("seatTaken"));
        await qc.invalidateQueries({ queryKey: ["seats", showtimeId] });
      } else {
        Toast.show(err instanceof BuyerProblem && err.status > 0 ? err.message : t("networkError"));
      }
    } finally {
      setBusy(false);
    }
  };

  const st = showtime.data;
  return (
    <div style={{ paddingBottom: 170 }}>
      <NavBar onBack={() => navigate(-1)}>{st ? `${st.filmTitle} ${hhmm(st.startsAt)}` : ""}</NavBar>
      {st && (
        <div style={{ padding: "6px 16px", fontSize: 13, color: "#666", background: "#fff" }}>
          {st.hallName} · {st.language} {st.version}
        </div>
      )}
      {vendorDown && <NoticeBar content={t("vendorDown")} color="alert" wrap data-testid="vendor-down" />}
      {m ? (
        <SeatMapView map={m} selected={selected} onTap={tap} />
      ) : map.isError ? (
        <Retry onRetry={() => void map.refetch()} />
      ) : null}
      {m && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 12, padding: "8px 16px", fontSize: 12, color: "#666" }}>
          {m.areas.length > 0
            ? m.areas.map((a) => (
                <span key={a.id}>
                  <Swatch colour={areaColour(m, a.id)} /> {a.name} {yuan(a.saleFen + fee)}
                </span>
              ))
            : st && (
                <span>
                  <Swatch colour={areaColour(m, undefined)} /> {t("available")} {yuan(st.price.saleFen + fee)}
                </span>
              )}
          {m.seats.some(isLove) && (
            <span>
              <Swatch colour="#e84393" /> {t("loveSeat")}
            </span>
          )}
          <span>
            <Swatch colour="#c8c8c8" fill /> {t("sold")}/{t("locked")}
          </span>
          <span>
            <Swatch colour="#bbb" fill="#f0f0f0" /> {t("unavailable")}
          </span>
          <span>{t("maxSeats", { n: m.maxSeatsPerOrder })}</span>
        </div>
      )}
      <div
        style={{
          position: "fixed",
          left: 0,
          right: 0,
          bottom: 0,
          background: "#fff",
          padding: "8px 16px calc(8px + env(safe-area-inset-bottom))",
          boxShadow: "0 -2px 8px rgba(0,0,0,0.06)",
        }}
      >
        {site.forbidSingleGap && (
          <div style={{ fontSize: 12, color: "#ad6800", marginBottom: 6 }} data-testid="single-gap-rule">
            {t("singleGapRule")}
          </div>
        )}
        <div style={{ fontSize: 13, marginBottom: 6 }} data-testid="picked-seats">
          {chosen.length > 0 ? chosen.map((s) => `${s.row}排${s.col}座`).join("  ") : t("pickSeats")}
        </div>
        <Input
          placeholder={t("mobile")}
          value={mobile}
          onChange={setMobile}
          type="tel"
          maxLength={11}
          data-testid="order-mobile"
          style={{ "--font-size": "15px", marginBottom: 8 } as React.CSSProperties}
        />
        {!vendorDown && (
          <Button
            block
            color="primary"
            loading={busy}
            disabled={chosen.length === 0 || busy}
            onClick={confirm}
            data-testid="seat-confirm"
          >
            {chosen.length > 0 ? `${yuan(total)} ${t("confirmSeats")}` : t("confirmSeats")}
          </Button>
        )}
      </div>
    </div>
  );
}

function Swatch({ colour, fill }: { colour: string; fill?: boolean | string }) {
  return (
    <span
      style={{
        display: "inline-block",
        width: 12,
        height: 12,
        borderRadius: 3,
        border: `2px solid ${colour}`,
        background: typeof fill === "string" ? fill : fill ? colour : "#fff",
        verticalAlign: "middle",
      }}
    />
  );
}
