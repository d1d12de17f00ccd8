/**
 * The failures this simulator answers. 火烈鸟 publishes no ErrorCode table (public-refs §13): only
 * `500` "更新影票状态失败" (DTakeTicketConfirm) is seen in public samples. The other numbers are this
 * simulator's own choice and say so; the texts are what a connector can read (docs/vendors/huolieniao.md).
 */
export const Code = {
  /** Simulator's own. */
  auth: "101",
  badParam: "102",
  cinemaNotFound: "201",
  sessionNotFound: "202",
  sessionClosed: "203",
  seatTaken: "301",
  orderNotFound: "302",
  orderState: "303",
  priceTooLow: "304",
  refundRefused: "305",
  busy: "999",
  /** public-refs §6.2: DTakeTicketConfirm's sample failure. */
  takeTicketFailed: "500",
} as const;

/** A business failure: the reply's Status="Failure" with this ErrorCode and ErrorMessage. */
export class OtsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
