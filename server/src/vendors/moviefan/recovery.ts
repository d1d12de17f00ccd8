import { minutes, queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/**
 * doc 001 submitOrder 接口说明: a successful submit does not mean issued; poll queryOrder (every minute,
 * "因为平台也是每隔1分钟去接入商轮询一次") until 出票成功 (30) or 出票失败 (40). If the submit failed or
 * timed out, query anyway. Nothing but an explicit 40 is a failure, so the polling runs until the
 * showtime and then the order goes to needsAttention. Moviefan has no refund and no undo.
 */
export const moviefanRecovery: RecoveryPolicy = {
  source:
    "电影票友 doc 001 确认订单 submitOrder 接口说明 + 查询订单 queryOrder: poll queryOrder every minute until status 30 (出票成功) or 40 (出票失败); no other status is a failure",
  settle: queryEachMinute(),
  refund: [],
};

/**
 * doc 001 查询订单 §2: after issue, poll queryOrder about once an hour until the show starts to learn
 * whether the cinema or Moviefan returned the order (ReturnedOrderStatus ≠ 0 → state "refunded").
 */
export const moviefanReturnWatch = { everyMs: minutes(60), untilMs: "showtime" as const };
