import type { ColumnType, Generated } from "kysely";
import type { SyncWarning } from "../catalog/sync/price-check.js";
import type { OrderStatus } from "../domain/order-states.js";
import type { PaymentState, RefundRecordState } from "../domain/payment-states.js";
import type { ShowtimeAreas } from "../domain/showtime-areas.js";
import type { VoucherOrderStatus } from "../domain/voucher-states.js";

/** Typed view of the database for Kysely. One interface per table, in migration order. */
export interface Database {
  channels: ChannelsTable;
  request_nonces: RequestNoncesTable;
  channel_rate_buckets: ChannelRateBucketsTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
  console_login_failures: ConsoleLoginFailuresTable;
  diagnosis_runs: DiagnosisRunsTable;
  audit_log: AuditLogTable;
  vendor_accounts: VendorAccountsTable;
  cities: CitiesTable;
  cinemas: CinemasTable;
  channel_cinemas: ChannelCinemasTable;
  cinema_settings: CinemaSettingsTable;
  halls: HallsTable;
  films: FilmsTable;
  film_refs: FilmRefsTable;
  showtimes: ShowtimesTable;
  sync_runs: SyncRunsTable;
  sync_state: SyncStateTable;
  orders: OrdersTable;
  seat_holds: SeatHoldsTable;
  idempotency_keys: IdempotencyKeysTable;
  order_events: OrderEventsTable;
  order_steps: OrderStepsTable;
  order_vendor_calls: OrderVendorCallsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  pricing_rules: PricingRulesTable;
  pricing_rule_history: PricingRuleHistoryTable;
  payments: PaymentsTable;
  payment_refunds: PaymentRefundsTable;
  payment_notifies: PaymentNotifiesTable;
  payment_reconciliations: PaymentReconciliationsTable;
  payment_reconciliation_differences: PaymentReconciliationDifferencesTable;
  member_card_refs: MemberCardRefsTable;
  voucher_orders: VoucherOrdersTable;
  buyer_sites: BuyerSitesTable;
  buyer_oauth_states: BuyerOauthStatesTable;
  buyer_sessions: BuyerSessionsTable;
  buyer_orders: BuyerOrdersTable;
}

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface ChannelsTable {
  id: string;
  code: string;
  name: string;
  /** AES-256-GCM sealed secret (see security/secret-box.ts). */
  secret_enc: string;
  webhook_url: string | null;
  active: Generated<boolean>;
  /** /v1 rate limits (null = the platform default, channels/rate-limits.ts). */
  rate_per_second: ColumnType<number | null, number | null | undefined, number | null>;
  rate_burst: ColumnType<number | null, number | null | undefined, number | null>;
  seat_map_per_second: ColumnType<number | null, number | null | undefined, number | null>;
  seat_map_burst: ColumnType<number | null, number | null | undefined, number | null>;
  create_per_second: ColumnType<number | null, number | null | undefined, number | null>;
  create_burst: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One token bucket of one channel, shared by every node (http/plugins/channel-rate-limit.ts). */
export interface ChannelRateBucketsTable {
  channel_id: string;
  bucket: string;
  /** The limit the last update applied (a changed limit takes effect on the next request). */
  per_second: number;
  burst: number;
  tokens: number;
  refilled_ms: number;
  /** How many requests the last update let through (read back with RETURNING). */
  granted: number;
}

export interface RequestNoncesTable {
  channel_id: string;
  nonce: string;
  expires_at: Date;
}

export type ConsoleRole = "admin" | "support" | "cinema_operator";

export interface ConsoleUsersTable {
  id: string;
  username: string;
  /** argon2id hash; never the password. */
  password_hash: string;
  role: ConsoleRole;
  /** For cinema operators: the cinemas they may see. */
  cinema_ids: ColumnType<string[], string[] | undefined, string[]>;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
}

/** Console diagnosis runs (ops/diagnosis-runs.ts); the JSON columns hold its checks and summary. */
export interface DiagnosisRunsTable {
  id: string;
  cinema_id: string;
  actor: string;
  status: "running" | "done";
  started_at: Date;
  finished_at: Date | null;
  checks: Json<unknown[]>;
  summary: Json<unknown> | null;
}

export interface ConsoleSessionsTable {
  /** sha256 of the session token; the token itself lives only in the cookie. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  expires_at: Date;
  created_at: CreatedAt;
}

/** One failed console login (console/login-limiter.ts); the key is a hash of username and address. */
export interface ConsoleLoginFailuresTable {
  key_hash: string;
  failed_at: Date;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor: string;
  action: string;
  target: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
  at: CreatedAt;
}

type Json<T> = ColumnType<T, string, string>;
/** A JSON column with a database default: optional on insert. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface VendorAccountsTable {
  id: string;
  vendor: string;
  name: string;
  base_url: string;
  credentials_enc: string;
  rate_per_second: Generated<number>;
  created_at: CreatedAt;
}

export interface CitiesTable {
  code: string;
  name: string;
}

export interface CinemasTable {
  id: string;
  vendor_account_id: string;
  vendor: string;
  vendor_cinema_id: string;
  national_code: string | null;
  name: string;
  address: Generated<string>;
  city_code: string | null;
  phone: Generated<string>;
  lat: number | null;
  lng: number | null;
  refund_before_minutes: number | null;
  refund_limit_count: number | null;
  shanghai: Generated<boolean>;
  service_fee_fen: Generated<number>;
  /** "No single empty seat left between" seat rule (orders/seat-rules.ts). */
  forbid_single_gap: Generated<boolean>;
  active: Generated<boolean>;
  content_hash: Generated<string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One cinema's settings record (cinemas/settings.ts); no row = every default. */
export interface CinemaSettingsTable {
  cinema_id: string;
  document: Json<Record<string, unknown>>;
  version: number;
  updated_at: UpdatedAt;
  updated_by: string;
}

export interface ChannelCinemasTable {
  channel_id: string;
  cinema_id: string;
}

export interface HallsTable {
  id: string;
  cinema_id: string;
  vendor_hall_id: string;
  name: string;
  type: Generated<string>;
  seat_count: Generated<number>;
  layout: Json<unknown> | null;
  layout_hash: Generated<string>;
  content_hash: Generated<string>;
  updated_at: UpdatedAt;
}

export interface FilmsTable {
  id: string;
  national_code: string | null;
  source_account_id: string;
  title: string;
  language: Generated<string>;
  duration_minutes: number | null;
  versions: ColumnType<string[], string[] | undefined, string[]>;
  poster: string | null;
  director: string | null;
  cast: string | null;
  release_date: string | null;
  content_hash: Generated<string>;
  updated_at: UpdatedAt;
}

export interface FilmRefsTable {
  vendor_account_id: string;
  vendor_film_id: string;
  film_id: string;
}

export interface ShowtimesTable {
  id: string;
  cinema_id: string;
  hall_id: string;
  film_id: string;
  vendor_showtime_id: string;
  business_day: string;
  starts_at: Date;
  ends_at: Date | null;
  stop_selling_at: Date;
  on_sale: boolean;
  valid: Generated<boolean>;
  language: Generated<string>;
  version: Generated<string>;
  list_fen: number;
  settle_fen: number;
  lowest_fen: Generated<number>;
  vendor_fee_fen: Generated<number>;
  sale_fen: number;
  service_fee_fen: number;
  area_prices: JsonDefault<Array<{ areaId: string; areaName?: string; settleFen: number; saleFen: number }>>;
  version_key: string | null;
  vendor_data: JsonDefault<Record<string, unknown>>;
  /** The showtime's own priced areas (domain/showtime-areas.ts), read for `seat_areas_key`. */
  seat_areas: ColumnType<ShowtimeAreas | null, string | null | undefined, string | null>;
  seat_areas_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the sync keeps this showtime off sale (an unreadable or insane price), for support. */
  price_warning: ColumnType<string | null, string | null | undefined, string | null>;
  content_hash: string;
  updated_at: UpdatedAt;
}

export interface SyncRunsTable {
  id: string;
  cinema_id: string;
  entities: ColumnType<string[], string[], string[]>;
  status: "running" | "succeeded" | "failed";
  started_at: CreatedAt;
  finished_at: Date | null;
  duration_ms: number | null;
  counts: JsonDefault<Record<string, number>>;
  errors: JsonDefault<Array<{ entity: string; code: string; message: string; vendorCode?: string }>>;
  warnings: JsonDefault<SyncWarning[]>;
}

export interface SyncStateTable {
  cinema_id: string;
  entity: string;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  last_error: string | null;
  due_at: ColumnType<Date, Date | undefined, Date>;
}

/** The statuses and their legal moves live in the domain (domain/order-states.ts). */
export type { OrderStatus };

export interface OrderSeat {
  seatId: string;
  vendorSeatId: string;
  row: string;
  col: string;
  areaId?: string;
  saleFen: number;
  serviceFeeFen: number;
  settleFen: number;
  vendorFeeFen: number;
  /** A discount ticket (member-card or benefit price): the vendor floors it by its lowest price only. */
  discount?: "card" | "benefit";
}

/** One concession line of an order (0016): name and unit price as they were when the order was made. */
export interface OrderGoodsLine {
  goodsId: string;
  vendorGoodsId: string;
  name: string;
  isPackage: boolean;
  count: number;
  /** What the buyer pays per item, also the unit price declared to the vendor. */
  saleFen: number;
}

/** One part of a confirm's split payment (0016). Never a password: docs/mixed-orders.md. */
export interface OrderPaymentPart {
  method: "wechat" | "alipay" | "member_card" | "other";
  amountFen: number;
  tradeNo?: string;
  cardRef?: string;
  cardNo?: string;
}

/** The member card that priced an order's seats (0016). */
export interface OrderMemberCard {
  cardRef: string;
  cardNo: string;
}

export interface RecoveryState {
  /** Epoch ms of the first confirm (or refund) attempt; recovery offsets count from here. */
  startedAt?: number;
  /** The order's own confirm (or refund) call was made; what follows is the recovery policy. */
  initialDone?: boolean;
  /** Attempts used per phase of the connector's recovery policy. */
  attempts?: number[];
  /** Epoch ms when the next step is due. */
  nextAt?: number;
  /** The payment step's next own trade query (orders/steps/take-payment.ts). */
  nextQueryAt?: number;
}

export interface OrdersTable {
  id: string;
  channel_id: string;
  cinema_id: string;
  showtime_id: string;
  status: OrderStatus;
  mobile: string;
  seats: Json<OrderSeat[]>;
  total_fen: number;
  settle_total_fen: number;
  locked_until: Date | null;
  vendor_lock_id: string | null;
  lock_vendor_data: JsonDefault<Record<string, unknown>>;
  vendor_order_id: string | null;
  vendor_data: JsonDefault<Record<string, unknown>>;
  paid_fen: number | null;
  payment: Json<{ method: string; tradeNo: string }> | null;
  tickets: Json<Array<{ seatId: string; ticketNo?: string }>> | null;
  pickup: Json<Record<string, string>> | null;
  repaid: Generated<boolean>;
  /** The platform takes this order's money (the buyer site): the payment step runs for it (0012). */
  takes_payment: Generated<boolean>;
  failure_reason: string | null;
  refund_reason: string | null;
  last_refund_error: string | null;
  needs_attention: Generated<boolean>;
  attention_reason: string | null;
  recovery: JsonDefault<RecoveryState>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  goods: JsonDefault<OrderGoodsLine[]>;
  price_kind: ColumnType<"standard" | "member" | "benefit", string | undefined, string>;
  member_card: Json<OrderMemberCard> | null;
  payment_parts: Json<OrderPaymentPart[]> | null;
}

export interface SeatHoldsTable {
  showtime_id: string;
  vendor_seat_id: string;
  order_id: string;
  expires_at: Date | null;
}

export interface IdempotencyKeysTable {
  channel_id: string;
  /** The buyer of the buyer site who owns the key inside the channel; '' for the channel's own keys. */
  buyer_id: ColumnType<string, string | undefined, string>;
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: CreatedAt;
}

export interface OrderEventsTable {
  id: Generated<string>;
  order_id: string;
  at: CreatedAt;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  detail: JsonDefault<Record<string, unknown>>;
}

export interface OrderStepsTable {
  id: Generated<string>;
  order_id: string;
  /** The order step the call served (orders/order-steps.ts); null on rows older than the step model. */
  step: string | null;
  /** The call was undoing the step (its compensation). */
  compensating: ColumnType<boolean, boolean | undefined, boolean>;
  action: string;
  attempt: number;
  started_at: Date;
  finished_at: Date | null;
  outcome: string | null;
  vendor_code: string | null;
  call_id: string | null;
  detail: string | null;
}

export interface OrderVendorCallsTable {
  id: Generated<string>;
  order_id: string;
  call_id: string;
  /** A VendorCallRecord (vendors/call-recorder.ts), masked by the transport. */
  record: unknown;
  created_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  id: string;
  /** "order.updated" (the default) or "showtime.price_changed" (channels/webhooks.ts). */
  event: Generated<string>;
  /** Set for order events only. */
  order_id: string | null;
  channel_id: string;
  url: string;
  status: "pending" | "delivered" | "failed";
  body: string;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  delivered_at: Date | null;
}

/** A pricing rule (pricing/rule.ts); scope and price hold the API's shapes. */
export interface PricingRulesTable {
  id: string;
  name: string;
  enabled: boolean;
  priority: number;
  subsidy: boolean;
  scope: Json<Record<string, unknown>>;
  price: Json<Record<string, unknown>>;
  service_fee_fen: number | null;
  /** The scope's cinemas (empty: every cinema), for operator scoping. */
  cinema_ids: ColumnType<string[], string[], string[]>;
  version: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  updated_by: string;
  deleted_at: Date | null;
}

/** One change of one pricing rule; the serial id is also the rule set's revision. */
export interface PricingRuleHistoryTable {
  id: Generated<string>;
  rule_id: string;
  version: number;
  action: string;
  actor: string;
  at: CreatedAt;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

/** A provider trade the platform made for an order (0012-payments). */
export interface PaymentsTable {
  id: Generated<string>;
  order_id: string;
  cinema_id: string;
  provider: "wechat_v3" | "wechat_v2" | "alipay";
  out_trade_no: string;
  amount_fen: number;
  state: PaymentState;
  expires_at: Date;
  request: Json<Record<string, unknown>>;
  pay_params: Json<Record<string, unknown>> | null;
  transaction_id: string | null;
  paid_fen: number | null;
  paid_at: Date | null;
  payer_masked: string | null;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One whole refund of a payment, retried on its timetable (payments/refund-timetable.ts). */
export interface PaymentRefundsTable {
  id: Generated<string>;
  payment_id: string;
  out_refund_no: string;
  amount_fen: number;
  reason: string;
  state: RefundRecordState;
  attempts: Generated<number>;
  next_at: Date | null;
  last_error: string | null;
  flagged: Generated<boolean>;
  refund_id: string | null;
  succeeded_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Every notify received, verified or not, and what came of it. */
export interface PaymentNotifiesTable {
  id: Generated<string>;
  cinema_id: string;
  provider: string;
  received_at: Date;
  verified: boolean;
  outcome: string;
  notify_id: string | null;
  out_trade_no: string | null;
  out_refund_no: string | null;
  detail: JsonDefault<Record<string, unknown>>;
}

/** One reconciliation of a cinema's payments for a China calendar day (0014-payment-reconciliations). */
export interface PaymentReconciliationsTable {
  id: Generated<string>;
  cinema_id: string;
  business_date: string;
  trigger: "scheduled" | "manual";
  requested_by: string | null;
  state: "DONE" | "FAILED";
  mechanism: string;
  payments_checked: Generated<number>;
  refunds_checked: Generated<number>;
  difference_count: Generated<number>;
  error: string | null;
  started_at: Date;
  finished_at: Date;
}

/** One difference between our records and the merchant's, found by a reconciliation run. */
export interface PaymentReconciliationDifferencesTable {
  id: Generated<string>;
  run_id: string;
  kind: string;
  out_trade_no: string;
  out_refund_no: string | null;
  ours: Json<Record<string, unknown>>;
  theirs: Json<Record<string, unknown>>;
  message_zh: string;
  message_en: string;
}

/** A channel's opaque handle on one member card at one cinema (0015-member-card-refs). */
export interface MemberCardRefsTable {
  ref: string;
  channel_id: string;
  cinema_id: string;
  card_no: string;
  created_at: Generated<Date>;
}

/** An electronic exchange voucher order (0017-voucher-orders); see vouchers/voucher-store.ts. */
export interface VoucherOrdersTable {
  id: string;
  channel_id: string;
  vendor_account_id: string;
  product_id: string;
  product_name: string | null;
  count: number;
  mobile_masked: string;
  status: VoucherOrderStatus;
  card_no: string | null;
  vendor_status: string | null;
  used_count: Generated<number>;
  unit_fen: number | null;
  total_fen: number | null;
  expires_at: Date | null;
  paid_fen: number | null;
  /** JSON text: the channel's payment `{ method, tradeNo }`. */
  payment: string | null;
  /** JSON text: the activation step's write-ahead record (vouchers/activation.ts). */
  activation: string | null;
  needs_attention: Generated<boolean>;
  /** JSON text: `{ code, message, vendorCode? }` of a FAILED / ACTIVATION_FAILED order. */
  failure: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  activated_at: Date | null;
  banned_at: Date | null;
}

/** A cinema's buyer site (0018-buyer-sites). */
export interface BuyerSitesTable {
  cinema_id: string;
  enabled: Generated<boolean>;
  slug: string;
  name: string;
  logo_url: string | null;
  theme_color: Generated<string>;
  notice: Generated<string>;
  host_name: string | null;
  channel_id: string;
  updated_at: UpdatedAt;
}

/** One WeChat OAuth round trip's `state`, deleted when used (0018-buyer-sites). */
export interface BuyerOauthStatesTable {
  state_hash: string;
  cinema_id: string;
  return_path: string;
  expires_at: Date;
}

/** A buyer's session on one cinema's site: the openid sealed, and its HMAC for lookups (0018-buyer-sites). */
export interface BuyerSessionsTable {
  token_hash: string;
  cinema_id: string;
  openid_sealed: string;
  openid_key: string;
  expires_at: Date;
  created_at: CreatedAt;
}

/** Which buyer (openid HMAC) made which order on a buyer site (0018-buyer-sites). */
export interface BuyerOrdersTable {
  order_id: string;
  cinema_id: string;
  openid_key: string;
  created_at: CreatedAt;
}
