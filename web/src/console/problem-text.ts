import { ApiProblem } from "./api";
import { isMessageKey } from "./i18n";
import type { Translate } from "./locale";

/**
 * An API error in the user's language: our translation of the stable `code`, then the server's
 * `detail` (technical, in English, but exactly what support staff quote to engineers), then the
 * request id for INTERNAL errors so the log line can be found.
 */
export function problemText(err: unknown, t: Translate): string {
  if (!(err instanceof ApiProblem)) return t("error.UNKNOWN");
  const key = `error.${err.code}`;
  const head = isMessageKey(key) ? t(key) : `${t("error.UNKNOWN")} (${err.code})`;
  const parts = [head];
  if (err.detail) parts.push(err.detail);
  if (err.code === "INTERNAL" && err.requestId) parts.push(`${t("error.requestId")} ${err.requestId}`);
  return parts.join(" — ");
}
