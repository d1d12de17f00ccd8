/** The pricing-rule admin API's shapes as the console reads them (server: routes/admin/pricing-schemas.ts). */
export interface RuleScope {
  channels?: string[];
  cinemaIds?: string[];
  cityCodes?: string[];
  vendors?: string[];
  filmIds?: string[];
  versions?: string[];
  hallTypes?: string[];
  weekdays?: number[];
  timeFrom?: string;
  timeTo?: string;
  dateFrom?: string;
  dateTo?: string;
}

export interface PriceSpec {
  base: "list" | "settle" | "lowest";
  op: "fixed" | "add" | "percent";
  valueFen?: number;
  percent?: number;
  roundToFen?: number;
}

export interface RuleInput {
  name: string;
  enabled: boolean;
  priority?: number;
  scope: RuleScope;
  price: PriceSpec;
  serviceFeeFen?: number;
  subsidy?: boolean;
}

export interface Rule extends RuleInput {
  id: string;
  version: number;
  priority: number;
  subsidy: boolean;
  specificity: number;
  editable: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface PreviewRow {
  showtimeId: string;
  cinemaName: string;
  filmTitle: string;
  hallName: string;
  startsAt: string;
  channel: string;
  oldSaleFen: number;
  newSaleFen: number;
  clamped: boolean;
  subsidyFen: number;
}

export interface Preview {
  items: PreviewRow[];
  total: number;
  clampedCount: number;
  subsidyFen: number;
  truncated: boolean;
}

export interface Conflict {
  ruleId: string;
  name: string;
  showtimes: Array<{ showtimeId: string; cinemaName: string; filmTitle: string; startsAt: string; channel: string }>;
}

export interface HistoryItem {
  id: string;
  version: number;
  action: "create" | "update" | "enable" | "disable" | "delete";
  actor: string;
  at: string;
  before: RuleInput | null;
  after: RuleInput | null;
}

export interface Explain {
  showtimeId: string;
  channel: string;
  channelSells: boolean;
  showtime: { cinemaName: string; filmTitle: string; hallName: string; startsAt: string; floorFen: number };
  considered: Array<{
    ruleId: string;
    name: string;
    specificity: number;
    priority: number;
    matched: boolean;
    reason?: string;
    chosen: boolean;
  }>;
  ruleId?: string;
  steps: Array<{ step: string; fen: number; note: string }>;
  price: { saleFen: number; serviceFeeFen: number; clamped: boolean; subsidyFen: number };
}
