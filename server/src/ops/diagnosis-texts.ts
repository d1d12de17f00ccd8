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

/** Per vendor: why a cinema's showtimes can be missing for our channel and what the cinema does about it. */
export const NO_SHOWTIMES_FIX: Record<string, Text> = {
  ykse: T(
    "请影院在售票系统的排期管理中：1) 为场次勾选开放我方渠道；2) 为我方渠道设置渠道价格（渠道市场价）。保存后等待同步到网售中心（通常几分钟），再点「立即同步」。",
    "Ask the cinema, in its ticketing system's schedule management, to 1) open the showtimes to our channel and 2) set a price for our channel (channel market price). After saving, wait for the sync to the online-sales centre (usually a few minutes), then press “Sync now”.",
  ),
  vista: T(
    "请影院在 VISTA 中为这些场次设置标准票票类，并为我方渠道（第三方 client class）设置票类、开放第三方销售。保存后点「立即同步」。",
    "Ask the cinema to set up, in VISTA, the standard ticket type for these sessions and a ticket type for our channel (the third-party client class), and to open them to third-party sales. Then press “Sync now”.",
  ),
  moviefan: T(
    "请影院在电影票友后台查看放映计划，为场次选择开放销售渠道并勾选我方渠道，确认场次已设置票价。保存后点「立即同步」。",
    "Ask the cinema to open the screening plan in the Moviefan back office, select our channel among the open sales channels for the showtimes and check the showtimes have ticket prices. Then press “Sync now”.",
  ),
};

export const NOT_ON_SALE_FIX: Record<string, Text> = {
  ykse: T(
    "这些场次在系统商处为「未开售」或没有我方渠道价格：请影院为我方渠道设置渠道价格并把场次设为开售。",
    "The vendor reports these showtimes as not on sale, or without a price for our channel: ask the cinema to set a channel price for us and put the showtimes on sale.",
  ),
  vista: T(
    "这些场次没有我方渠道可用的票类（VISTA 的票类按渠道开放）：请影院为我方 client class 添加票类，或在标准票票类中包含我方渠道。",
    "These sessions have no ticket type our channel may sell (VISTA opens ticket types per channel): ask the cinema to add a ticket type for our client class, or include our channel in the standard ticket type.",
  ),
  moviefan: T(
    "这些场次在电影票友为「不可售」状态：请影院确认场次已对我方渠道开放销售并已定价。",
    "Moviefan marks these showtimes as not for sale: ask the cinema to confirm they are open to our channel and priced.",
  ),
};

const fallback = T(
  "请影院确认场次已对我方渠道开放并已设置我方渠道的票价，然后点「立即同步」。",
  "Ask the cinema to confirm its showtimes are open to our channel and priced for it, then press “Sync now”.",
);

export const fixFor = (table: Record<string, Text>, vendor: string): Text => table[vendor] ?? fallback;

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
