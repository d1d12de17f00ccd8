/**
 * The ResultCodes this simulator answers. Only `0` and the gateway wrapper `100302` with inner
 * codes 10208 / 10252 are seen in public code (public-refs §3.1, §3.4); 辰星's code table (附录A)
 * was not found, so every other code below is this simulator's own choice, and the texts say what
 * happened in the words a Chinese service would use. The connector must not depend on those codes.
 */
export const Code = {
  ok: "0",
  /** Own choice: VerifyInfo / AppCode refused. */
  badVerify: "100101",
  /** Own choice: a required parameter missing or malformed. */
  badParam: "100102",
  /** Own choice: unknown cinema, screen or plan. */
  notFound: "100201",
  /** Own choice: unknown order. */
  orderNotFound: "100301",
  /** Documented wrapper: "网络代售系统异常: …(错误码：NNNNN)". */
  gateway: "100302",
  /** Own choice: too many calls. */
  busy: "100500",
  /** Own choice: internal error. */
  system: "100999",
} as const;

/** Inner codes carried in a 100302 message (documented samples). */
export const Inner = { lockFailed: "10208", priceRejected: "10252" } as const;

export class TspError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The documented gateway form: `网络代售系统异常: <what>(错误码：<inner>)`. */
export const gatewayError = (what: string, inner?: string) =>
  new TspError(Code.gateway, `网络代售系统异常: ${what}${inner ? `(错误码：${inner})` : ""}`);

/**
 * QueryOrderStatus `OrderStatus`. `1` (submit failed) and `2` (refunded) are what public hubs read
 * (§3.4); the rest are this simulator's own values (the success value is not known).
 */
export const OrderStatus = {
  locked: "0",
  submitFailed: "1",
  refunded: "2",
  issued: "3",
  issuing: "4",
  released: "5",
} as const;
export type OrderStatusCode = (typeof OrderStatus)[keyof typeof OrderStatus];
