/**
 * The `<code>` values this simulator answers: all from public-refs §7.3 (the CEC table), so the
 * connector's code table is exercised with the vendor's own numbers. Texts are the simulator's
 * wording of the meanings the refs give.
 */
export const NgcCode = {
  ok: "001",
  channelNotFound: "900",
  badParam: "997",
  badSign: "998",
  unknown: "999",
  cinemaNotFound: "100",
  hallNotFound: "120",
  showNotFound: "200",
  showInvalid: "202",
  orderNotFound: "220",
  orderState: "221",
  orderSeats: "222",
  settlePrice: "223",
  seatFormat: "226",
  lockFailed: "240",
  refundWindow: "250",
  voucherNotFound: "260",
  voucherPrinted: "262",
  channelOrderExists: "294",
} as const;

export type NgcCodeValue = (typeof NgcCode)[keyof typeof NgcCode];

export const ngcMessages: Record<NgcCodeValue, string> = {
  "001": "操作成功。",
  "900": "渠道不存在。",
  "997": "参数校验失败。",
  "998": "签名校验失败。",
  "999": "未知错误。",
  "100": "影院不存在。",
  "120": "影厅不存在。",
  "200": "场次不存在。",
  "202": "场次无效。",
  "220": "订单不存在。",
  "221": "订单状态不符。",
  "222": "订单座位不符。",
  "223": "电影票结算价不符。",
  "226": "座位格式错误。",
  "240": "影院锁座失败。",
  "250": "已过退票时间。",
  "260": "凭证不存在。",
  "262": "凭证已打印。",
  "294": "渠道订单号已存在。",
};

/** A business failure raised inside a handler and rendered as `<reply><code>…`. */
export class NgcError extends Error {
  constructor(
    readonly code: NgcCodeValue,
    message?: string,
  ) {
    super(message ?? ngcMessages[code]);
  }
}
