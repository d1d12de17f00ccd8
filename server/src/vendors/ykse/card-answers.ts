import { str } from "./mapping.js";

/** `{ [k]: v }` when `v` is present, `{}` otherwise: for spreading a card answer's optional fields. */
export const opt = <K extends string, V>(k: K, v: V | undefined) =>
  v === undefined ? {} : ({ [k]: v } as Record<K, V>);

/**
 * The head of every settled card order's answer (doc 002 §7 member cards, §8 benefit cards): the
 * vendor's order id (named per card type), the trade number — the answer's, else the one we sent —
 * and success (a failed call is an error result, never an order).
 */
export const settledOrder = (
  data: Record<string, unknown>,
  orderIdField: "cardOrderId" | "benefitCardOrderId",
  sentTradeNo: string,
) => ({
  vendorOrderId: str(data[orderIdField]) ?? "",
  outTradeNo: str(data.outTradeNo) ?? sentTradeNo,
  status: "success" as const,
});
