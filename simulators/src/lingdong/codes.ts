/**
 * Result codes (doc "错误码介绍"): HTTP status codes carried in the body's `code`. 2xx is success; unless a
 * call says otherwise, 200 alone means success.
 */
export const LingdongCode = {
  ok: 200,
  created: 201,
  accepted: 202,
  noData: 204,
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  notAcceptable: 406,
  gone: 410,
  serverError: 500,
  unavailable: 503,
  timeout: 504,
} as const;

/** A failure answered in the documented error shape: code + error{message, type}. */
export class LingdongError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

export const badParam = (message: string) => new LingdongError(LingdongCode.badRequest, message, "invalid_param");
