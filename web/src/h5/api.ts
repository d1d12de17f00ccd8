/** The buyer API of this site (/h5/api/{slug}/…): JSON in and out, problems as BuyerProblem. */

/** The site's slug: the first path segment after /h5/. */
export const SLUG = location.pathname.split("/")[2] ?? "";
export const API = `/h5/api/${SLUG}`;

export class BuyerProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: {
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.key ? { "idempotency-key": init.key } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new BuyerProblem(0, "NETWORK", "network");
  }
  const text = await res.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    throw new BuyerProblem(
      res.status,
      String(body.code ?? "INTERNAL"),
      String(body.detail ?? body.title ?? res.statusText),
      typeof body.reason === "string" ? body.reason : undefined,
    );
  }
  return body as T;
}

export interface Site {
  cinemaId: string;
  name: string;
  cinemaName: string;
  address: string;
  phone: string;
  logoUrl: string | null;
  themeColor: string;
  notice: string;
  forbidSingleGap: boolean;
  refundBeforeMinutes: number | null;
  signedIn: boolean;
  wechatLogin: boolean;
  simulatedWechatUrl: string | null;
  features: { memberCard: boolean };
}

export interface Film {
  id: string;
  title: string;
  language: string;
  durationMinutes: number | null;
  versions: string[];
  poster?: string;
}

export interface Showtime {
  id: string;
  hallName: string;
  filmId: string;
  filmTitle: string;
  startsAt: string;
  endsAt?: string;
  stopSellingAt: string;
  onSale: boolean;
  language: string;
  version: string;
  price: { listFen: number; saleFen: number; serviceFeeFen: number };
  areaPrices?: Array<{ areaName: string; saleFen: number }>;
}

export type SeatStatus = "available" | "sold" | "locked" | "unavailable";

export interface Seat {
  id: string;
  row: string;
  col: string;
  x: number;
  y: number;
  type: string;
  pairId?: string;
  areaId?: string;
  status: SeatStatus | string;
}

export interface SeatMap {
  showtimeId: string;
  rows: number;
  cols: number;
  areas: Array<{ id: string; name: string; saleFen: number }>;
  seats: Seat[];
  statusAsOf: string;
  maxSeatsPerOrder: number;
}

export interface Order {
  id: string;
  status: string;
  showtimeId: string;
  seats: Array<{ id: string; row: string; col: string; saleFen: number; serviceFeeFen: number }>;
  totalFen: number;
  lockedUntil?: string;
  tickets?: Array<{ seatId: string; ticketNo?: string }>;
  pickup?: Record<string, string>;
  repaid?: boolean;
  film: { title: string; poster: string | null } | null;
  hall: string | null;
  startsAt: string | null;
  language: string | null;
  version: string | null;
  payment: { state: string; outTradeNo: string } | null;
  refund: { allowed: boolean; reason?: string; beforeShowMinutes: number };
  createdAt: string;
}

export interface PayStart {
  outTradeNo: string;
  payParams: {
    kind: string;
    bridge: Record<"appId" | "timeStamp" | "nonceStr" | "package" | "signType" | "paySign", string>;
  };
}

/** Yuan with two decimals, from integer fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** "HH:mm" of a China-time ISO instant (the API's times carry +08:00). */
export const hhmm = (iso: string) => iso.slice(11, 16);

/** The business days a buyer picks from: today and the next two (China time). */
export function nextDays(n = 3): string[] {
  const now = Date.now() + 8 * 3600_000 - 6 * 3600_000; // business day starts at 06:00 China time
  return Array.from({ length: n }, (_, i) => new Date(now + i * 86_400_000).toISOString().slice(0, 10));
}
