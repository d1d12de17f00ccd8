/**
 * Response envelope of doc 002 §1.6 / §9: the outer object carries the system result (retCode),
 * `data` carries the business result (bizCode, bizMsg and either `data` or `dataList`).
 */
export const SYSTEM_CODES = {
  "0": "success",
  "10001": "system busy",
  "20001": "invalid authentication",
  "30001": "invalid api",
  "30002": "invalid channelCode",
  "30003": "invalid sign",
  "30004": "time expired",
  "30005": "parameter can not be empty",
  "30006": "invalid value",
  "40001": "remote error",
  "40002": "remote timeout",
  "40003": "cinema inadequate processing capacity",
} as const;

export type RetCode = keyof typeof SYSTEM_CODES;

/** Business messages of §9.2 (first table the code appears in). */
export const BIZ_MESSAGES: Record<string, string> = {
  SUCCESS: "操作成功",
  SYSTEM_ERROR: "系统异常",
  FORMAT_ERROR: "参数格式错误",
  NULL_ARGUMENT: "参数为空",
  ILLEGAL_ARGUMENT: "参数不正确",
  DATA_NOT_EXIST: "数据不存在",
  CHANNEL_CINEMA_NOT_FOUND: "渠道没有绑定影院",
  ORDER_NOT_FOUND: "订单不存在",
  SEAT_NOT_FOUND: "座位信息不存在",
  SEATID_ERROR: "座位 ID 格式错误",
  SEAT_INFO_NOT_NULL: "座位信息不允许为空",
  SEAT_INFO_ERROR: "座位信息错误",
  GOODS_INFO_NOT_NULL: "卖品信息不允许为空",
  GOODS_INFO_ERROR: "卖品信息错误",
  SCHEDULE_NOT_FOUND: "场次信息无效",
  SCHEDULE_HAS_CHANGED: "场次信息已经变化",
  REQUEST_PARAM_INCONFORMITY_ERROR: "相同请求的参数不一致",
  CINEMA_RATE_LIMIT_EXCEEDED: "影院业务处理能力达到上限",
  CINEMA_EXECUTOR_ERROR: "影院系统执行错误",
  SCHEDULE_NOT_OPEN: "场次已禁售",
  LOCK_SEAT_OUT_DATE: "锁座时间超出设定日期",
  LOCK_SEAT_ERROR: "座位无效或已被锁定",
  LOCKSEAT_UNMATCH: "锁座记录不符",
  UN_LOCK_SEAT_UNSUCCESS: "解锁座位失败",
  OVER_MAX_TICKET: "超过每笔交易的最大订购票数",
  SEAT_COUNT_ERROR: "座位数量不符",
  PAYMENT_AMOUNT_ERROR: "支付金额不正确",
  LOW_THAN_LEAST_PRICE_ERROR: "影票价格低于最低票价",
  LOW_THAN_SETTLE_PRICE_ERROR: "影票价格低于结算价",
  AREA_SEAT_LOW_THAN_AREA_SETTLE_PRICE_ERROR: "影票价格低于分区结算价",
  AREA_SEAT_NOT_SUPPORT_BENEFIT: "分区座位不支持联名卡优惠",
  TICKET_PRICE_VALID_ERROR: "影票价格校验失败",
  TICKET_PRICE_ERROR: "影票价格不能为零",
  TICKET_FEE_ERROR: "影票手续费错误",
  ORDER_SEAT_ERROR: "座位数量与订单数量不一致,可能是超过锁定座位时间,座位已自动释放",
  ORDER_TICKET_TIME_END: "放映前售票时间结束",
  ORDER_PROCESSING: "订单正在处理中,请稍后重试",
  PAYMENT_METHOD_ERROR: "支付方式不正确",
  REFUND_POLICY_NOT_FOUND: "退票政策不存在",
  CANCEL_TIME_ERROR: "退票时间错误",
  TICKET_HAS_REFUND: "该订单已退票完毕,不能再退票",
  TICKET_HAS_PRINT: "该订单已打票完毕,不能再退票",
  OVER_REFUND_UPPER_LIMIT: "超过退票次数上限",
  REFUND_TICKET_STATUS_INCORRECT: "非可退票状态",
  REFUND_ORDER_TYPE_NOT_MATCH: "订单类型和实际订单类型无法匹配",
  PRINT_TICKET_ALLOW: "影票可打印",
  PRINT_TICKET_NOT_ALLOW: "影票已打印,无法重复打印",
  CONFIRMATIONID_WRONG: "取票号错误",
  GOODS_AMOUNT_ERROR: "卖品订单总价校验失败",
  GOODS_PRICE_ERROR: "卖品单价或购买数量为空",
  GOODS_PRICE_LESS: "卖品价钱小于销售价",
  GOODS_NOT_FOUND: "卖品不存在",
  GOODS_REFUND_FAILED: "退货失败",
  TIME_CARD_CHARGE_ERROR: "次数卡的充值金额必须是最少充值金额的整数倍",
  CARD_NOT_EXIST_ERROR: "会员卡不存在",
  CARD_PASSWORD_ERROR: "会员卡密码错误",
  CARD_NOT_USE_ERROR: "会员卡不可用",
  CARD_OLD_PASSWORD_ERROR: "旧密码错误",
  CARD_TYPE_NOADD_ERROR: "卡类型不支持充值",
  CARD_GRADE_NOT_EXIST_ERROR: "卡等级不存在",
  CARD_REGISTER_FEE_ERROR: "注册会员卡时，传入的工本费、会费不正确",
  REVERSE_ORDER_TYPE_UNMATCH: "订单类型不匹配",
  REVERSE_TICKET_STATUS_INCORRECT: "非可冲正状态",
  REVERSE_TICKET_FAILED: "冲正失败",
  REVERSE_TICKET_NO_TIME_YET: "当前订单还未到可冲正时间",
  BCARD_NOT_EXIST: "联名卡不存在",
  BCARD_DISABLED: "联名卡已经被停用",
  BCARD_EXPIRED: "此联名卡已过期",
  BCARD_POLICY_NOT_EXIST: "联名卡政策不存在",
  BCARD_ORDER_NOT_EXIST: "联名卡订单不存在",
  BCARD_POLICY_DISABLED: "联名卡政策已经被停用",
  BCARD_MOBILE_INVALID: "手机号码格式不正确",
  BCARD_MOBILE_EXIST: "手机号码已被占用",
  BCARD_REGISTER_FEE_INVALID: "注册联名卡费用不正确",
  BCARD_NOT_ALLOW_RENEW: "该卡不允许续费",
  BCARD_RENEW_FEE_INVALID: "续费费用验证失败",
  BCARD_TICKET_COUNT_ZERO_ERROR: "订单申请权益票数必须大于 0 才能使用此权益",
  BCARD_TICKET_OVER_LIMIT: "订单申请权益票数已超过限制使用次数",
  BCARD_SCHEDULE_NOT_MATCH: "此卡权益优惠不适用于此场次",
};

/** A business outcome other than SUCCESS; handlers throw it, the router renders it. */
export class BizError extends Error {
  constructor(
    readonly bizCode: string,
    msg?: string,
    readonly data?: unknown,
  ) {
    super(msg ?? BIZ_MESSAGES[bizCode] ?? bizCode);
  }
}

export interface BizResult {
  bizCode: string;
  bizMsg: string;
  data?: unknown;
  dataList?: unknown[];
}

export const ok = (data?: unknown): BizResult => ({
  bizCode: "SUCCESS",
  bizMsg: BIZ_MESSAGES.SUCCESS as string,
  ...(data === undefined ? {} : { data }),
});
export const okList = (dataList: unknown[]): BizResult => ({
  bizCode: "SUCCESS",
  bizMsg: BIZ_MESSAGES.SUCCESS as string,
  dataList,
});
export const bizOutcome = (bizCode: string, data?: unknown): BizResult => ({
  bizCode,
  bizMsg: BIZ_MESSAGES[bizCode] ?? bizCode,
  ...(data === undefined ? {} : { data }),
});

export function envelope(api: string, v: string, retCode: RetCode, biz?: BizResult) {
  return {
    api,
    v,
    retCode,
    retMsg: SYSTEM_CODES[retCode],
    ...(biz ? { data: biz } : {}),
  };
}

// --- small argument readers used by every handler -------------------------------------------

export type Args = Record<string, unknown>;

/** A required non-empty string business parameter (numbers are accepted and stringified). */
export function str(args: Args, name: string): string {
  const v = args[name];
  if (v === undefined || v === null || v === "") throw new BizError("NULL_ARGUMENT", `${name} 参数为空`);
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw new BizError("FORMAT_ERROR", `${name} 参数格式错误`);
  return v;
}

export function optStr(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw new BizError("FORMAT_ERROR", `${name} 参数格式错误`);
  return v;
}

/** JSON booleans or "true"/"false" strings (the doc's examples use both). */
export function bool(v: unknown): boolean {
  return v === true || v === "true" || v === "Y" || v === 1 || v === "1";
}
