/** 通用返回码 (doc "返回码"). Every answer carries one of these in `code`. */
export const MoviefanCode = {
  ok: 1,
  systemError: 100,
  badSign: 101,
  missingParam: 200,
  showtimeInvalid: 201,
  orderNotFound: 300,
  lockFailed: 301,
  orderStateWrong: 302,
  confirmMismatch: 303,
} as const;

export const codeMessages: Record<number, string> = {
  1: "操作成功",
  100: "系统错误",
  101: "签名错误",
  200: "缺少参数",
  201: "渠道场次失效",
  300: "订单不存在",
  301: "锁座失败",
  302: "订单状态不正确",
  303: "确认订单信息不正确",
};

/** 订单状态 (externalOrderStatus). */
export const OrderStatus = {
  created: 0,
  deleted: 2,
  locked: 10,
  lockFailed: 20,
  issued: 30,
  issueFailed: 40,
  cancelled: 100,
  released: 110,
} as const;
export type OrderStatusCode = (typeof OrderStatus)[keyof typeof OrderStatus];

/** A business failure raised inside a handler and rendered as `{code, msg}`. */
export class MoviefanError extends Error {
  constructor(
    readonly code: number,
    msg?: string,
  ) {
    super(msg ?? codeMessages[code] ?? "系统错误");
  }
}
