/**
 * The buyer site's texts: Simplified Chinese by default, English with `?lang=en` (kept for the
 * visit). One table, like the console's message files.
 */
const messages = {
  loading: { zh: "加载中…", en: "Loading…" },
  retry: { zh: "重试", en: "Retry" },
  networkError: { zh: "网络不给力，请重试", en: "Network error, please retry" },
  openInWechat: { zh: "请在微信中打开本页面", en: "Please open this page in WeChat" },
  openInWechatHint: {
    zh: "购票需要通过微信授权识别您的身份，并使用微信支付。",
    en: "Buying needs WeChat to sign you in and WeChat Pay to pay.",
  },
  siteNotFound: { zh: "该影院的购票页面不存在或已关闭", en: "This cinema's ticket site does not exist or is closed" },
  myOrders: { zh: "我的订单", en: "My orders" },
  noShowtimes: { zh: "当天暂无场次", en: "No showtimes on this day" },
  today: { zh: "今天", en: "Today" },
  tomorrow: { zh: "明天", en: "Tomorrow" },
  dayAfter: { zh: "后天", en: "Day after" },
  minutes: { zh: "分钟", en: "min" },
  soldOut: { zh: "已售罄", en: "Sold out" },
  stopped: { zh: "停止售票", en: "Sales closed" },
  buy: { zh: "购票", en: "Buy" },
  ends: { zh: "散场", en: "ends" },
  screen: { zh: "银幕", en: "Screen" },
  available: { zh: "可选", en: "Available" },
  selected: { zh: "已选", en: "Selected" },
  sold: { zh: "已售", en: "Sold" },
  locked: { zh: "已锁定", en: "Locked" },
  unavailable: { zh: "不可售", en: "Unavailable" },
  loveSeat: { zh: "情侣座", en: "Love seat" },
  maxSeats: { zh: "每单最多 {n} 个座位", en: "At most {n} seats per order" },
  singleGapRule: {
    zh: "选座规则：座位旁不能留下单独一个空座（例如隔一个座位选座），请连着选择。",
    en: "Seat rule: do not leave a single empty seat next to your seats; choose seats side by side.",
  },
  mobile: { zh: "手机号（用于接收取票信息）", en: "Mobile (for the pickup message)" },
  mobileInvalid: { zh: "请输入 11 位手机号", en: "Enter an 11-digit mobile number" },
  confirmSeats: { zh: "确认选座", en: "Confirm seats" },
  pickSeats: { zh: "请选择座位", en: "Pick your seats" },
  vendorDown: {
    zh: "影院系统暂时无法连接，座位状态可能不是最新的，暂不能购票",
    en: "The cinema's system is unreachable; seat status may be old and buying is paused",
  },
  seatTaken: {
    zh: "您选的座位刚被别人选走了，已为您刷新座位图",
    en: "A seat you chose was just taken; the map is refreshed",
  },
  zoomIn: { zh: "放大", en: "Zoom in" },
  zoomOut: { zh: "缩小", en: "Zoom out" },
  order: { zh: "订单", en: "Order" },
  payWithin: { zh: "请在 {t} 内完成支付", en: "Pay within {t}" },
  lockExpired: { zh: "座位锁定已超时，请重新选座", en: "The seat hold expired; please choose again" },
  backToSeats: { zh: "重新选座", en: "Choose seats again" },
  ticketPrice: { zh: "票价", en: "Ticket" },
  serviceFee: { zh: "服务费", en: "Service fee" },
  total: { zh: "合计", en: "Total" },
  payWechat: { zh: "微信支付", en: "Pay with WeChat" },
  payCard: { zh: "会员卡支付", en: "Pay with member card" },
  paying: { zh: "支付成功，正在出票…", en: "Paid; issuing your tickets…" },
  payCancelled: { zh: "支付已取消", en: "Payment cancelled" },
  payFailed: { zh: "支付未完成，请重试", en: "Payment not completed; try again" },
  pickupCode: { zh: "取票码", en: "Pickup code" },
  printCode: { zh: "取票号", en: "Pickup number" },
  verifyCode: { zh: "验证码", en: "Verification code" },
  pickupHint: {
    zh: "请凭取票码或二维码在影院自助取票机取票",
    en: "Collect your tickets at the cinema's machine with the code or QR",
  },
  refund: { zh: "申请退票", en: "Refund" },
  refundConfirm: {
    zh: "确定退票吗？退款将原路退回。",
    en: "Refund these tickets? The money goes back to your WeChat.",
  },
  refundNotAllowed_too_late: {
    zh: "开场前 {n} 分钟内不可退票",
    en: "Refunds close {n} minutes before the show",
  },
  refundNotAllowed_not_issued: { zh: "该订单当前不可退票", en: "This order cannot be refunded now" },
  refunding: { zh: "退票处理中", en: "Refund in progress" },
  refunded: { zh: "已退票，款项已原路退回", en: "Refunded; the money went back" },
  expiredRepaid: {
    zh: "支付时锁座已超时，款项已自动原路退回",
    en: "The hold had expired when you paid; the money was returned automatically",
  },
  failedRepaid: {
    zh: "出票失败，款项已自动原路退回",
    en: "Ticketing failed; the money was returned automatically",
  },
  expired: { zh: "订单已超时关闭", en: "The order expired" },
  noOrders: { zh: "暂无订单", en: "No orders yet" },
  status_LOCKED: { zh: "待支付", en: "To pay" },
  status_CONFIRMING: { zh: "出票中", en: "Issuing" },
  status_ISSUED: { zh: "已出票", en: "Issued" },
  status_REFUNDING: { zh: "退票中", en: "Refunding" },
  status_REFUNDED: { zh: "已退票", en: "Refunded" },
  status_EXPIRED: { zh: "已超时", en: "Expired" },
  status_CANCELLED: { zh: "已取消", en: "Cancelled" },
  status_FAILED: { zh: "出票失败", en: "Failed" },
  notFound: { zh: "订单不存在", en: "Order not found" },
  home: { zh: "首页", en: "Home" },
} as const;

export type MessageKey = keyof typeof messages;

const param = new URLSearchParams(location.search).get("lang");
if (param === "en" || param === "zh") sessionStorage.setItem("cg-lang", param);
export const lang: "zh" | "en" = sessionStorage.getItem("cg-lang") === "en" ? "en" : "zh";

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  let text: string = messages[key][lang];
  for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, String(v));
  return text;
}

/** A text by a key made at run time (a status or reason word), or the word itself. */
export function tOr(key: string, fallback: string, vars: Record<string, string | number> = {}): string {
  return key in messages ? t(key as MessageKey, vars) : fallback;
}
