import type { AdminResponse } from "../../../api/admin";

/** Shapes of the operations admin API (server/src/ops/*), from the generated API types. */
export type CinemaList = AdminResponse<"/admin/cinemas", "get">;
export type CinemaItem = CinemaList["items"][number];
export type SyncHealth = CinemaItem["sync"];
export type SyncStatus = SyncHealth["status"];

export type CinemaDetail = AdminResponse<"/admin/cinemas/{id}", "get">;
export type SeatLayout = NonNullable<CinemaDetail["halls"][number]["layout"]>;
export type LayoutSeat = SeatLayout["seats"][number];
export type ShowtimeRow = CinemaDetail["showtimeDays"][number]["showtimes"][number];
export type SyncRun = CinemaDetail["syncRuns"][number];

export type HomeView = AdminResponse<"/admin/home", "get">;
export type DiagnosisRun = AdminResponse<"/admin/diagnosis/{runId}", "get">;
export type Finding = NonNullable<DiagnosisRun["checks"][number]["finding"]>;

export type VendorQueryCallInfo = AdminResponse<"/admin/vendor-query/calls", "get">["items"][number];
export type VendorQueryResult = AdminResponse<"/admin/cinemas/{id}/vendor-query", "post">;

export type VendorAccountList = AdminResponse<"/admin/vendor-accounts", "get">;
export type VendorAccount = VendorAccountList["items"][number];
export type DiscoveredCinemas = AdminResponse<"/admin/vendor-accounts/{id}/discover", "get">;
export type ConnectionTest = AdminResponse<"/admin/vendor-accounts/{id}/test", "post">;
export type OnboardedCinema = AdminResponse<"/admin/cinemas", "post", 201>;
export type SyncRunList = AdminResponse<"/admin/sync-runs", "get">;
export type SyncQueued = AdminResponse<"/admin/cinemas/{id}/sync", "post", 202>;

export type CinemaSettings = AdminResponse<"/admin/cinemas/{id}/settings", "get">;

export type Text = Finding["title"];

export const fen = (n: number | null | undefined) => (n == null ? "—" : `¥${(n / 100).toFixed(2)}`);

export type VendorDirectory = AdminResponse<"/admin/vendor-directory", "get">;
export type VendorDirectoryEntry = VendorDirectory["items"][number];
export type ReconciliationRuns = AdminResponse<"/admin/payments/reconciliations", "get">;
export type ReconciliationRun = ReconciliationRuns["items"][number];
