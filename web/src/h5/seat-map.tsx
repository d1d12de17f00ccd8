import { useRef, useState } from "react";
import type { Seat, SeatMap } from "./api";
import { t } from "./i18n";

const CELL = 30;
const SEAT = 24;
/** Area colours, in the order the map lists its areas; seats outside any area use the first. */
const AREA_COLOURS = ["#2f80ed", "#9b51e0", "#27ae60", "#f2994a", "#eb5757", "#56ccf2"];
const LOVE = "#e84393";

export const isLove = (s: Seat) => s.type === "loveLeft" || s.type === "loveRight";

/** A love seat's partner (both seats name one pair, or each names the other). */
export function partnerOf(map: SeatMap, s: Seat): Seat | undefined {
  if (!s.pairId) return undefined;
  return map.seats.find((o) => o.id !== s.id && (o.pairId === s.pairId || o.id === s.pairId));
}

export function areaColour(map: SeatMap, areaId: string | undefined): string {
  const i = areaId ? map.areas.findIndex((a) => a.id === areaId) : -1;
  return AREA_COLOURS[(i + 1) % AREA_COLOURS.length]!;
}

/**
 * The hall as an SVG: the screen at the top, each seat at its grid position, coloured by area,
 * love seats pink; sold, locked and unavailable seats cannot be tapped. Pinch (two fingers) or
 * the buttons zoom; the frame scrolls to drag.
 */
export function SeatMapView({
  map,
  selected,
  onTap,
}: {
  map: SeatMap;
  selected: ReadonlySet<string>;
  onTap: (seat: Seat) => void;
}) {
  const pinch = useRef<{ d: number; scale: number } | null>(null);
  const xs = map.seats.map((s) => s.x);
  const ys = map.seats.map((s) => s.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const width = (Math.max(...xs) - minX + 1) * CELL + 40;
  const height = (Math.max(...ys) - minY + 1) * CELL + 70;
  // The whole hall fits the phone's width at first; the buyer zooms in from there.
  const [scale, setScale] = useState(() => Math.max(0.5, Math.min(1, window.innerWidth / width)));
  const dist = (e: React.TouchEvent) => {
    const [a, b] = [e.touches[0]!, e.touches[1]!];
    return Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
  };
  const zoom = (f: number) => setScale((s) => Math.min(3, Math.max(0.5, s * f)));

  return (
    <div style={{ position: "relative" }}>
      <div
        style={{ overflow: "auto", background: "#fff", touchAction: "pan-x pan-y" }}
        onTouchStart={(e) => {
          if (e.touches.length === 2) pinch.current = { d: dist(e), scale };
        }}
        onTouchMove={(e) => {
          if (e.touches.length === 2 && pinch.current) {
            setScale(Math.min(3, Math.max(0.5, (pinch.current.scale * dist(e)) / pinch.current.d)));
          }
        }}
        onTouchEnd={() => {
          pinch.current = null;
        }}
      >
        <svg
          width={width * scale}
          height={height * scale}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label="seat map"
          style={{ display: "block", margin: "0 auto" }}
        >
          <path
            d={`M ${width * 0.2} 18 Q ${width / 2} 4 ${width * 0.8} 18`}
            stroke="#bbb"
            strokeWidth={3}
            fill="none"
          />
          <text x={width / 2} y={36} textAnchor="middle" fontSize={12} fill="#999">
            {t("screen")}
          </text>
          {map.seats.map((s) => {
            const x = (s.x - minX) * CELL + 20;
            const y = (s.y - minY) * CELL + 50;
            const mine = selected.has(s.id);
            const colour = isLove(s) ? LOVE : areaColour(map, s.areaId);
            const free = s.status === "available";
            const fill = mine ? colour : free ? "#fff" : s.status === "unavailable" ? "#f0f0f0" : "#c8c8c8";
            return (
              // biome-ignore lint/a11y/useSemanticElements: inside an SVG a seat cannot be an HTML <button>
              <g
                key={s.id}
                data-testid={`seat-${s.id}`}
                data-status={s.status}
                data-selected={mine ? "true" : "false"}
                role="button"
                tabIndex={free ? 0 : -1}
                aria-label={`${s.row}排${s.col}座`}
                aria-pressed={mine}
                aria-disabled={!free}
                onClick={free ? () => onTap(s) : undefined}
                onKeyDown={free ? (e) => (e.key === "Enter" || e.key === " ") && onTap(s) : undefined}
                style={{ cursor: free ? "pointer" : "default" }}
              >
                <title>{`${s.row}排${s.col}座`}</title>
                <rect
                  x={x}
                  y={y}
                  width={SEAT}
                  height={SEAT}
                  rx={isLove(s) ? 8 : 4}
                  fill={fill}
                  stroke={free || mine ? colour : "#bbb"}
                  strokeWidth={2}
                />
                {s.status === "unavailable" && (
                  <path
                    d={`M${x + 6} ${y + 6} L${x + 18} ${y + 18} M${x + 18} ${y + 6} L${x + 6} ${y + 18}`}
                    stroke="#bbb"
                  />
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <div style={{ position: "absolute", right: 8, bottom: 8, display: "flex", gap: 6 }}>
        <button type="button" aria-label={t("zoomOut")} onClick={() => zoom(1 / 1.25)} style={zoomButton}>
          −
        </button>
        <button type="button" aria-label={t("zoomIn")} onClick={() => zoom(1.25)} style={zoomButton}>
          +
        </button>
      </div>
    </div>
  );
}

const zoomButton: React.CSSProperties = {
  width: 32,
  height: 32,
  borderRadius: 16,
  border: "1px solid #ddd",
  background: "rgba(255,255,255,0.9)",
  fontSize: 18,
};
