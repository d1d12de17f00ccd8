import { Space, Typography } from "antd";
import { useLocale } from "../../locale";
import type { LayoutSeat, SeatLayout } from "./types";

const CELL = 22;
const SEAT = 18;
const LEFT = 34;
const TOP = 40;

const FILL = {
  normal: "#91caff",
  area: "#ffd666",
  love: "#ff85c0",
  wheelchair: "#95de64",
  broken: "#d9d9d9",
} as const;

function fillOf(s: LayoutSeat): string {
  if (s.broken) return FILL.broken;
  if (s.kind === "loveLeft" || s.kind === "loveRight") return FILL.love;
  if (s.kind === "wheelchair") return FILL.wheelchair;
  if (s.kind === "vip" || s.areaId) return FILL.area;
  return FILL.normal;
}

/**
 * A hall's seat layout drawn to scale: the screen at the top (y = 1 is nearest it), gaps in the
 * grid are aisles, love-seat pairs are one joined sofa, wheelchair places, VIP / priced areas and
 * broken seats have their own colour. Row labels are the printed ones, which skip aisles.
 */
export function SeatMap({ layout }: { layout: SeatLayout }) {
  const { t } = useLocale();
  const width = LEFT + layout.cols * CELL + 10;
  const height = TOP + layout.rows * CELL + 10;
  const px = (x: number) => LEFT + (x - 1) * CELL;
  const py = (y: number) => TOP + (y - 1) * CELL;
  const rowLabels = new Map<number, string>();
  for (const s of layout.seats) if (!rowLabels.has(s.y)) rowLabels.set(s.y, s.rowLabel);
  const byId = new Map(layout.seats.map((s) => [s.vendorSeatId, s]));
  return (
    <div>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="seat map"
        data-testid="seat-map"
        style={{ display: "block", maxWidth: "100%", background: "#fafafa", borderRadius: 6 }}
      >
        <path
          d={`M ${LEFT + CELL} 16 Q ${width / 2} 4 ${width - CELL - 10} 16`}
          stroke="#8c8c8c"
          strokeWidth={3}
          fill="none"
        />
        <text x={width / 2} y={30} textAnchor="middle" fontSize={11} fill="#8c8c8c">
          {t("ops.seat.screen")}
        </text>
        {[...rowLabels].map(([y, label]) => (
          <text key={`r${y}`} x={6} y={py(y) + 14} fontSize={11} fill="#595959">
            {label}
          </text>
        ))}
        {layout.seats.map((s) => {
          const pair = s.kind === "loveLeft" && s.pairSeatId ? byId.get(s.pairSeatId) : undefined;
          if (s.kind === "loveRight" && s.pairSeatId && byId.has(s.pairSeatId)) return null; // drawn with its left half
          const w = pair ? px(pair.x) - px(s.x) + SEAT : SEAT;
          return (
            <g key={s.vendorSeatId} data-kind={s.broken ? "broken" : s.kind}>
              <title>{`${s.rowLabel}-${s.colLabel} · ${s.kind}${s.areaId ? ` · ${s.areaId}` : ""}`}</title>
              <rect x={px(s.x)} y={py(s.y)} width={w} height={SEAT} rx={pair ? 8 : 4} fill={fillOf(s)} />
              {s.kind === "wheelchair" && (
                <text x={px(s.x) + 3} y={py(s.y) + 14} fontSize={12}>
                  ♿
                </text>
              )}
              {s.broken && (
                <path d={`M ${px(s.x) + 4} ${py(s.y) + 4} l 10 10 m -10 0 l 10 -10`} stroke="#8c8c8c" strokeWidth={2} />
              )}
            </g>
          );
        })}
      </svg>
      <Space wrap style={{ marginTop: 8 }}>
        <Legend color={FILL.normal} label={t("ops.seat.normal")} />
        <Legend color={FILL.love} label={t("ops.seat.love")} />
        <Legend color={FILL.wheelchair} label={t("ops.seat.wheelchair")} />
        <Legend color={FILL.area} label={t("ops.seat.vip")} />
        <Legend color={FILL.broken} label={t("ops.seat.broken")} />
        <Typography.Text type="secondary">{t("ops.seat.count", { n: String(layout.seats.length) })}</Typography.Text>
      </Space>
    </div>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Space size={4}>
      <span style={{ display: "inline-block", width: 14, height: 14, background: color, borderRadius: 3 }} />
      <span>{label}</span>
    </Space>
  );
}
