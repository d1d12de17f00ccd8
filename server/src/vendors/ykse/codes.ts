import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * Every return code of doc 002 mapped to Cinegate's standard vocabulary.
 *
 * Two layers (§9): the system code `retCode` ("0" = the call was accepted, nothing more) and the
 * business code `bizCode` ("SUCCESS" = the business operation succeeded). A code marked
 * `ambiguous` means "the vendor or the cinema did not finish answering": on a read it is simply
 * `vendor_unavailable`, on a call with a side effect (lock, confirm, refund, reverse, card
 * orders …) the operation may have happened, so it becomes `outcome_unknown` and is resolved by
 * the documented query, never by guessing.
 *
 * `sections` lists the tables of §9 (and the change log entries) where the code is documented.
 */
export interface CodeEntry {
  message: string;
  standard: VendorErrorCode | "ok";
  ambiguous?: boolean;
  sections: string[];
}

const e = (message: string, standard: CodeEntry["standard"], sections: string[], ambiguous?: boolean): CodeEntry => ({
  message,
  standard,
  sections,
  ...(ambiguous ? { ambiguous } : {}),
});

/** §9.1 系统返回码. */
export const SYSTEM_CODES: Record<string, CodeEntry> = {
  "0": e("success — the call was accepted; the business result is in bizCode", "ok", ["9.1"]),
  "10001": e("system busy — vendor system exception", "vendor_unavailable", ["9.1"], true),
  "20001": e("invalid authentication — the api is not authorised for this channel", "auth_failed", ["9.1"]),
  "30001": e("invalid api — wrong api name", "config_error", ["9.1"]),
  "30002": e("invalid channelCode", "auth_failed", ["9.1"]),
  "30003": e("invalid sign", "auth_failed", ["9.1"]),
  "30004": e("time expired — timestamp is not current Beijing time (check the clock)", "auth_failed", ["9.1"]),
  "30005": e("parameter can not be empty", "invalid_request", ["9.1"]),
  "30006": e("invalid value", "invalid_request", ["9.1"]),
  "40001": e("remote error — vendor system exception", "vendor_unavailable", ["9.1"], true),
  "40002": e("remote timeout — retry (the vendor recommends retrying first)", "vendor_unavailable", ["9.1"], true),
  "40003": e("cinema inadequate processing capacity — lower the call rate", "rate_limited", ["9.1"]),
};

/** §9.2 业务返回码, all tables, plus the codes only introduced in the change log. */
export const BUSINESS_CODES: Record<string, CodeEntry> = {
  // 9.2.1 业务通用返回码
  SUCCESS: e("操作成功", "ok", ["9.2.1"]),
  SYSTEM_ERROR: e("系统异常", "vendor_unavailable", ["9.2.1"], true),
  API_PERMISSION_ERROR: e("无接口调用权限", "auth_failed", ["9.2.1"]),
  CONNECTION_ERROR: e("请求超时", "vendor_unavailable", ["9.2.1"], true),
  CINEMA_CONNECTION_ERROR: e("请求本地系统超时", "vendor_unavailable", ["9.2.1"], true),
  CINEMA_RETURN_IS_NULL: e("影院返回空", "vendor_unavailable", ["9.2.1"], true),
  HALL_RETURN_NULL: e("影院影厅列表为空", "vendor_unavailable", ["9.2.1"], true),
  UNKNOWN_ERROR: e("未知异常", "vendor_unavailable", ["9.2.1"], true),
  FORMAT_ERROR: e("参数格式错误", "invalid_request", ["9.2.1"]),
  NULL_ARGUMENT: e("参数为空", "invalid_request", ["9.2.1"]),
  ILLEGAL_ARGUMENT: e("参数不正确", "invalid_request", ["9.2.1"]),
  DATA_NOT_EXIST: e("数据不存在", "not_found", ["9.2.1"]),
  RETURN_IS_NULL: e("返回结果为空", "not_found", ["9.2.1"]),
  CINEMA_INVALID: e("影院不可用", "config_error", ["9.2.1"]),
  CHANNEL_NOT_FOUND: e("渠道不存在", "auth_failed", ["9.2.1"]),
  CHANNEL_CINEMA_NOT_FOUND: e("渠道没有绑定影院", "config_error", ["9.2.1"]),
  ORDER_NOT_FOUND: e("订单不存在", "not_found", ["9.2.1", "9.2.8"]),
  OVER_MAX_SCHEDULE_DAY: e("超过可查询的最大天数", "invalid_request", ["9.2.1"]),
  SEATID_ERROR: e("座位 ID 格式错误", "invalid_request", ["9.2.1"]),
  CINEMA_EXECUTOR_ERROR: e("影院系统执行错误", "vendor_unavailable", ["9.2.1"], true),
  SEAT_INFO_NOT_NULL: e("座位信息不允许为空", "invalid_request", ["9.2.1"]),
  SEAT_INFO_ERROR: e("座位信息错误", "invalid_request", ["9.2.1", "9.2.3"]),
  GOODS_INFO_NOT_NULL: e("卖品信息不允许为空", "invalid_request", ["9.2.1"]),
  GOODS_INFO_ERROR: e("卖品信息错误", "invalid_request", ["9.2.1", "9.2.3"]),
  GOODS_QUERY_ERROR: e("卖品查询异常", "vendor_unavailable", ["9.2.1"]),
  SEAT_NOT_FOUND: e("座位信息不存在 (seat map out of date)", "seat_unavailable", ["9.2.1"]),
  CINEMA_CHANNEL_NOT_FOUND: e("场次没有该渠道信息", "config_error", ["9.2.1"]),
  SCHEDULE_NOT_FOUND: e("场次信息无效 — resync the cinema's schedules", "showtime_closed", ["9.2.1", "9.2.2"]),
  SCHEDULE_HAS_CHANGED: e("场次信息已经变化 — scheduleKey stale, resync the schedules", "showtime_closed", ["9.2.1"]),
  REQUEST_BUSY_ERROR: e("系统繁忙，请稍后再试", "vendor_unavailable", ["9.2.1"]),
  REQUEST_PARAM_INCONFORMITY_ERROR: e(
    "相同请求的参数不一致 — an idempotency token was reused with different parameters",
    "invalid_request",
    ["9.2.1"],
  ),
  CINEMA_RATE_LIMIT_EXCEEDED: e("影院业务处理能力达到上限", "rate_limited", ["9.2.1"]),

  // 9.2.2 锁座返回码
  SCHEDULE_OUT_DATE_ERROR: e("场次禁售（开放售票日期未满足设定）", "showtime_closed", ["9.2.2"]),
  SCHEDULE_NOT_OPEN: e("场次已禁售", "showtime_closed", ["9.2.2"]),
  LOCK_SEAT_OUT_DATE: e("锁座时间超出设定日期", "showtime_closed", ["9.2.2"]),
  LOCK_SEAT_ERROR: e("座位无效或已被锁定", "seat_unavailable", ["9.2.2"]),
  SHOW_REF_SEQ_NO_UNMATCH: e("影院场次号不匹配 — resync the schedules", "showtime_closed", ["9.2.2"]),
  LOCKSEAT_UNMATCH: e("锁座记录不符", "order_state", ["9.2.2"]),
  UN_LOCK_SEAT_UNSUCCESS: e("解锁座位失败 — retry", "vendor_unavailable", ["9.2.2"]),

  // 9.2.3 下单返回码 (+ change log 1.2.6 and 1.2.19)
  OVER_BOOKING_DAY: e("超过可订购的最大天数", "showtime_closed", ["9.2.3"]),
  OVER_MAX_TICKET: e("超过每笔交易的最大订购票数", "invalid_request", ["9.2.3"]),
  SEAT_COUNT_ERROR: e("座位数量不符 (confirm seats ≠ locked seats)", "invalid_request", ["9.2.3"]),
  PAYMENT_AMOUNT_ERROR: e("支付金额不正确", "price_rejected", ["9.2.3"]),
  LOW_THAN_LEAST_PRICE_ERROR: e("影票价格低于最低票价", "price_rejected", ["9.2.3"]),
  LOW_THAN_SETTLE_PRICE_ERROR: e("影票价格低于结算价 — resync the schedule", "price_rejected", ["9.2.3"]),
  TICKET_PRICE_ERROR: e("影票价格不能为零", "price_rejected", ["9.2.3"]),
  TICKET_FEE_ERROR: e("影票手续费错误", "price_rejected", ["9.2.3"]),
  CHANNEL_PRICE_ERROR: e("影票价格与影院市场价不符", "price_rejected", ["9.2.3"]),
  ORDER_SEAT_ERROR: e("座位数量与订单数量不一致, 可能是超过锁定座位时间, 座位已自动释放", "order_state", ["9.2.3"]),
  NO_USB_ERROR: e("影院没插加密狗不能销售", "vendor_unavailable", ["9.2.3"]),
  LOCK_SEAT_UNSUCCESS: e("锁座不成功 — lock again", "order_state", ["9.2.3"]),
  ORDER_TICKET_TIME_END: e("放映前售票时间结束", "showtime_closed", ["9.2.3"]),
  ORDER_PROCESSING: e("订单正在处理中, 请稍后重试", "outcome_unknown", ["9.2.3"], true),
  ORDER_PROCESS_TIME_OUT: e("影院订单执行超时, 座位已自动释放 — lock again", "order_state", ["9.2.3"]),
  PAYMENT_METHOD_ERROR: e("支付方式不正确", "invalid_request", ["9.2.3", "1.2.6"]),
  SETTLEACCOUNT_PAY_FAIL: e("储值账户支付失败 (channel's prepaid account)", "config_error", ["9.2.3", "9.2.7"]),
  TICKET_ORDER_CLOSE_ERROR: e("影票类订单下单退单冲正单接口关闭 (prepaid account below its floor)", "config_error", [
    "9.2.3",
    "9.2.4",
    "9.2.10",
  ]),
  GOODS_ORDER_CLOSE_ERROR: e("卖品确认订单接口（退单冲正单）关闭 (prepaid account below its floor)", "config_error", [
    "9.2.3",
    "9.2.4",
    "9.2.7",
    "9.2.8",
    "9.2.10",
  ]),
  TICKET_PRICE_VALID_ERROR: e("影票价格校验失败", "price_rejected", ["1.2.19"]),
  AREA_SEAT_LOW_THAN_AREA_SETTLE_PRICE_ERROR: e("影票价格低于分区结算价", "price_rejected", ["1.2.19"]),
  AREA_SEAT_NOT_SUPPORT_BENEFIT: e("分区座位不支持联名卡优惠", "invalid_request", ["1.2.19", "5.3"]),

  // 9.2.4 退单返回码
  REFUND_POLICY_NOT_FOUND: e("退票政策不存在", "refund_refused", ["9.2.4"]),
  REFUND_POLICY_HAS_EXPIRE: e("退票政策已过期", "refund_refused", ["9.2.4"]),
  CANCEL_ORDER_CONDITION_ERROR: e("退票条件不符合", "refund_refused", ["9.2.4"]),
  CANCEL_TIME_ERROR: e("退票时间错误", "refund_refused", ["9.2.4", "9.2.7"]),
  TICKET_HAS_REFUND: e("该订单已退票完毕, 不能再退票", "order_state", ["9.2.4"]),
  TICKET_HAS_PRINT: e("该订单已打票完毕, 不能再退票", "refund_refused", ["9.2.4"]),
  OVER_REFUND_UPPER_LIMIT: e("超过退票次数上限", "refund_refused", ["9.2.4"]),
  REFUND_TICKET_STATUS_INCORRECT: e("非可退票状态", "order_state", ["9.2.4"]),
  REFUND_ORDER_TYPE_NOT_MATCH: e("订单类型和实际订单类型无法匹配 (ticket vs mixed)", "invalid_request", ["9.2.4"]),

  // 9.2.5 打票返回码, 9.2.6 查询取票状态返回码, 9.2.11 查询取票信息返回码
  PRINT_TICKET_NOT_ALLOW: e("影票已打印, 无法重复打印", "order_state", ["9.2.5", "9.2.6"]),
  CONFIRMATIONID_WRONG: e("取票号错误", "not_found", ["9.2.5", "9.2.6", "9.2.11"]),
  PRINT_TICKET_ALLOW: e("影票可打印 (an answer of getOrderPrintStatus)", "ok", ["9.2.6"]),

  // 9.2.7 卖品下单返回码
  GOODS_AMOUNT_ERROR: e("卖品订单总价校验失败", "price_rejected", ["9.2.7"]),
  GOODS_ORDER_FAILED: e("卖品订单不成功", "vendor_unavailable", ["9.2.7"]),
  GOODS_PRICE_ERROR: e("卖品单价或购买数量为空", "invalid_request", ["9.2.7"]),
  GOODS_PRICE_LESS: e("卖品价钱小于销售价", "price_rejected", ["9.2.7"]),
  GOODS_NOT_FOUND: e("卖品不存在", "not_found", ["9.2.7"]),
  CHANNEL_NOT_ALLOW_BUY: e("该渠道不允许购买卖品", "config_error", ["9.2.7"]),
  GOODS_FEE_ERROR: e("卖品手续费小于 0", "price_rejected", ["9.2.7"]),
  GOODS_PACKAGE_EMPTY: e("卖品套餐材料为空", "config_error", ["9.2.7"]),
  GOODS_DISABLED_OR_END_SALE: e("所购卖品中包含不可用卖品或已对渠道停售的卖品 — reload the goods", "not_found", [
    "9.2.7",
  ]),

  // 9.2.8 退卖品返回码
  GOODS_REFUND_FAILED: e("退货失败", "refund_refused", ["9.2.8"]),

  // 9.2.9 会员卡返回码
  TIME_CARD_CHARGE_ERROR: e("次数卡的充值金额必须是最少充值金额的整数倍", "invalid_request", ["9.2.9"]),
  CARD_NOT_EXIST_ERROR: e("会员卡不存在", "not_found", ["9.2.9"]),
  CARD_PASSWORD_ERROR: e("会员卡密码错误", "invalid_request", ["9.2.9"]),
  CARD_NOT_USE_ERROR: e("会员卡不可用", "invalid_request", ["9.2.9"]),
  CARD_OLD_PASSWORD_ERROR: e("旧密码错误", "invalid_request", ["9.2.9"]),
  CARD_TYPE_NOADD_ERROR: e("卡类型不支持充值", "unsupported", ["9.2.9"]),
  CARD_GRADE_NOT_EXIST_ERROR: e("卡等级不存在", "not_found", ["9.2.9"]),
  CARD_NO_PRECARD_ERROR: e("该影城或等级没有在售会员卡", "config_error", ["9.2.9"]),
  CARD_REGISTER_FEE_ERROR: e("注册会员卡时，传入的工本费、会费不正确", "price_rejected", ["9.2.9"]),

  // 9.2.10 冲正返回码
  REVERSE_ORDER_TYPE_UNMATCH: e("订单类型不匹配 (ticket vs mixed reversal)", "invalid_request", ["9.2.10"]),
  REVERSE_TICKET_STATUS_INCORRECT: e("非可冲正状态 — query the order", "order_state", ["9.2.10"]),
  REVERSE_TICKET_FAILED: e("冲正失败 — may be retried", "vendor_unavailable", ["9.2.10"]),
  REVERSE_TICKET_NO_TIME_YET: e("当前订单还未到可冲正时间 — retry later", "vendor_unavailable", ["9.2.10"]),

  // 9.2.12 联名卡返回码 (BCARD_MOBILE_INVALID is listed twice: bad format / does not match the card)
  BCARD_NOT_EXIST: e("联名卡不存在", "not_found", ["9.2.12"]),
  BCARD_DISABLED: e("联名卡已经被停用", "invalid_request", ["9.2.12"]),
  BCARD_EXPIRED: e("此联名卡已过期", "invalid_request", ["9.2.12"]),
  BCARD_POLICY_NOT_EXIST: e("联名卡政策不存在", "not_found", ["9.2.12"]),
  BCARD_ORDER_NOT_EXIST: e("联名卡订单不存在", "not_found", ["9.2.12"]),
  BCARD_POLICY_EXPIRED: e("此联名卡政策已经过期", "invalid_request", ["9.2.12"]),
  BCARD_POLICY_DISABLED: e("联名卡政策已经被停用", "invalid_request", ["9.2.12"]),
  BCARD_MOBILE_INVALID: e("手机号码格式不正确 / 手机号码跟卡号不匹配", "invalid_request", ["9.2.12"]),
  BCARD_MOBILE_EXIST: e("手机号码已被占用", "invalid_request", ["9.2.12"]),
  BCARD_REGISTER_FEE_INVALID: e("注册联名卡费用不正确", "price_rejected", ["9.2.12"]),
  BCARD_NOT_ALLOW_RENEW: e("该卡不允许续费", "unsupported", ["9.2.12"]),
  BCARD_RENEW_FEE_INVALID: e("续费费用验证失败", "price_rejected", ["9.2.12"]),

  // 9.2.13 联名卡订单返回码
  BCARD_TICKET_COUNT_ZERO_ERROR: e("订单申请权益票数必须大于 0 才能使用此权益", "price_rejected", ["9.2.13"]),
  BCARD_TICKET_OVER_LIMIT: e("订单申请权益票数已超过限制使用次数", "price_rejected", ["9.2.13"]),
  BCARD_SCHEDULE_NOT_MATCH: e("此卡权益优惠不适用于此场次", "price_rejected", ["9.2.13"]),
  BCARD_POLICY_NOT_APPROVED: e("此政策未审核通过，不能进行联名卡下单操作", "price_rejected", ["9.2.13"]),
};

export interface MappedCode {
  standard: VendorErrorCode;
  message: string;
}

/**
 * Standard code for a failure. `sideEffect`: the call changes state at the vendor, so an
 * ambiguous (or undocumented) code means "may have happened" → outcome_unknown.
 */
export function mapCode(
  table: "system" | "business",
  code: string,
  sideEffect: boolean,
  /** A gateway's own business codes (vendors/yunzhi), read before the document's. */
  extraBusiness?: Readonly<Record<string, CodeEntry>>,
): MappedCode {
  const entry =
    (table === "business" ? extraBusiness?.[code] : undefined) ??
    (table === "system" ? SYSTEM_CODES : BUSINESS_CODES)[code];
  if (!entry) {
    return {
      standard: sideEffect ? "outcome_unknown" : "vendor_unavailable",
      message: `undocumented ${table === "system" ? "retCode" : "bizCode"} ${code}`,
    };
  }
  if (entry.standard === "ok") return { standard: "invalid_request", message: entry.message };
  if (entry.ambiguous)
    return { standard: sideEffect ? "outcome_unknown" : "vendor_unavailable", message: entry.message };
  return { standard: entry.standard, message: entry.message };
}
