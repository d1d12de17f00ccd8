/**
 * Failure codes this simulator answers in `ResultCode`. The public references show only `0`
 * (success) for the XML flavour and no failure table at all (§13: "JSON errno table" not found), so
 * these numbers and texts are the simulator's own choice, kept apart from anything seen publicly:
 * the connector must not rely on them (it maps only documented codes and treats the rest as
 * unknown, see server/src/vendors/m1905/codes.ts and docs/vendors/m1905.md).
 */
export const M1905SimCode = {
  ok: "0",
  verifyFailed: "1001",
  badParam: "1002",
  sessionClosed: "2001",
  seatTaken: "2002",
  orderNotFound: "2003",
  orderState: "2004",
  priceTooLow: "2005",
  refundRefused: "2006",
  cardRefused: "3001",
  balanceShort: "3002",
  systemError: "9999",
} as const;

export type M1905SimCodeValue = (typeof M1905SimCode)[keyof typeof M1905SimCode];

export const simMessages: Record<M1905SimCodeValue, string> = {
  "0": "成功",
  "1001": "校验信息错误",
  "1002": "参数错误",
  "2001": "场次不存在或已停止售票",
  "2002": "座位已售或已被锁定",
  "2003": "订单不存在",
  "2004": "订单状态不正确",
  "2005": "票价低于最低票价",
  "2006": "该订单不允许退票",
  "3001": "会员卡号或密码错误",
  "3002": "会员卡余额不足",
  "9999": "系统繁忙",
};

/** A business failure raised inside a handler and rendered as `<{Root}><ResultCode>…`. */
export class M1905SimError extends Error {
  constructor(
    readonly code: M1905SimCodeValue,
    message?: string,
  ) {
    super(message ?? simMessages[code]);
  }
}
