import type { FastifyRequest } from "fastify";
import type { LoggerOptions } from "pino";

/** Chinese mobile numbers anywhere in a logged string: keep the first 3 and last 4 digits. */
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskMobiles(text: string): string {
  return text.replace(MOBILE, "$1****$2");
}

/**
 * Card numbers in a path (/v1/benefit-cards/{cardNo}, the console's /member-cards/{cardNo}): all but
 * the last four characters hidden. Member-card handles (`mc_…`) and words (`verify`) are not card
 * numbers and stay.
 */
const CARD_IN_PATH =
  /(\/(?:benefit-cards|member-cards)\/)(?!mc_)(?=[0-9A-Za-z]*\d)([0-9A-Za-z]+)([0-9A-Za-z]{4})(?=[/?#]|$)/g;

export function maskCardPaths(url: string): string {
  return url.replace(
    CARD_IN_PATH,
    (_m, head: string, hidden: string, tail: string) => `${head}${"*".repeat(hidden.length)}${tail}`,
  );
}

/**
 * pino options shared by the API and the CLI. Headers and bodies are not logged by default; the
 * redact list is the second line of defence for anything that logs an object carrying them.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "req.headers['x-signature']",
        "*.password",
        "*.secret",
        "*.secretEnc",
        "*.cardPassword",
        "*.credentials",
        "*.token",
        "*.mobile",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: maskCardPaths(maskMobiles(req.url)),
        requestId: req.id,
      }),
    },
  };
}
