import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * doc 004 错误码介绍: codes follow HTTP status codes ("2xx均为成功"), carried in the answer's `code`.
 * Every code of the list is here; 302 and 304 have no description in the document.
 */
export const resultCodes: Readonly<Record<number, { meaning: string; code: VendorErrorCode | "ok" }>> = {
  200: { meaning: "成功", code: "ok" },
  201: { meaning: "创建成功", code: "ok" },
  202: { meaning: "接受到请求, 会异步处理", code: "ok" },
  204: { meaning: "没有数据", code: "ok" },
  // Not described; a redirect means we call the wrong address.
  302: { meaning: "(无描述) 重定向", code: "config_error" },
  // Not described; we never send conditional requests, so "not modified" is unexpected.
  304: { meaning: "(无描述) 未修改", code: "vendor_unavailable" },
  400: { meaning: "请求参数有误", code: "invalid_request" },
  401: { meaning: "没有权限", code: "auth_failed" },
  // "每个接口的的调用权限不同，调用权限由灵动创展提供": a call this account may not use.
  403: { meaning: "禁止访问", code: "config_error" },
  404: { meaning: "找不到请求的接口", code: "config_error" },
  405: { meaning: "不支持请求的方法, 现在只支持POST请求", code: "config_error" },
  // Duplicate req_id or a card in the wrong state for the call.
  406: { meaning: "请求无法完成", code: "order_state" },
  410: { meaning: "接口已删除, 请使用新接口", code: "config_error" },
  500: { meaning: "服务器内部处理错误", code: "vendor_unavailable" },
  503: { meaning: "服务器端暂时无法处理请求（可能是过载或维护）", code: "vendor_unavailable" },
  // The vendor timed out behind its front: the call may have taken effect.
  504: { meaning: "超时", code: "outcome_unknown" },
};

export const isSuccess = (code: number) => code >= 200 && code < 300;

/** The standard code for a Lingdong result code; unlisted 2xx succeed, other unlisted codes are outages. */
export function standardCode(code: number): VendorErrorCode | "ok" {
  return (
    resultCodes[code]?.code ??
    (isSuccess(code) ? "ok" : code >= 400 && code < 500 ? "invalid_request" : "vendor_unavailable")
  );
}

/** Card status (our definition; doc 004 leaves status empty). */
export const cardStatuses = {
  "0": { name: "未激活", status: "inactive" },
  "1": { name: "已激活", status: "active" },
  "2": { name: "已使用", status: "used" },
  "3": { name: "已作废", status: "banned" },
} as const;
