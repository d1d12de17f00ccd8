import { vendorOf } from "../vendors/all.js";

/**
 * What the diagnosis says, in both console languages. Fixes are written for the cinema's staff:
 * support copies them into a message to the cinema, so they name the cinema's own system screens
 * (doc 000 §四.2) rather than anything of ours.
 */
export interface Text {
  zh: string;
  en: string;
}

const T = (zh: string, en: string): Text => ({ zh, en });

const fallback = T(
  "请影院确认场次已对我方渠道开放并已设置我方渠道的票价，然后点「立即同步」。",
  "Ask the cinema to confirm its showtimes are open to our channel and priced for it, then press “Sync now”.",
);

/**
 * The fix for a vendor, from its descriptor's support notes (server/src/vendors/<id>/descriptor.ts),
 * where each vendor's doc 000 §四.2 checklist is written; a vendor without one gets the general fix.
 */
export const fixFor = (which: "noShowtimesFix" | "notOnSaleFix", vendor: string): Text =>
  vendorOf(vendor)?.support[which] ?? fallback;

export const TEXT = {
  summaryOk: T(
    "未发现问题：系统商为我方渠道返回了可售场次，我方同步正常。",
    "No problem found: the vendor returns showtimes on sale for our channel and our sync is healthy.",
  ),
  skippedAfterFailure: T("前面的检查失败，跳过此项。", "Skipped: an earlier check failed."),
  credentials: T("账号凭据", "Credentials"),
  cinema: T("影院可访问", "Cinema reachable"),
  cinemaList: T("系统商影院列表", "Vendor's cinema list"),
  showtimes: T("系统商返回场次", "Vendor returns showtimes"),
  saleAndPrice: T("开售与票价", "On sale and priced"),
  ourSync: T("我方同步状态", "Our sync state"),
  channels: T("渠道可售", "Channels may sell it"),
} as const;

export { T };
