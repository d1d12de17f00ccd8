import type { Result } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { failed, notFound, succeeded, unreadableCode } from "../wire/call.js";
import { basePath } from "../wire/request.js";
import { standardCode } from "./codes.js";
import { signedParams } from "./signing.js";
import { int, normalizeKeys, str, type Wire } from "./wire.js";

/** The twelve calls of doc 001. */
export type MoviefanCallName =
  | "queryLocations"
  | "queryCinemas"
  | "queryCinema"
  | "queryMovies"
  | "queryMovie"
  | "queryHalls"
  | "queryShows"
  | "queryShowSeats"
  | "lockSeats"
  | "submitOrder"
  | "releaseSeats"
  | "queryOrder";

/** Calls with an effect at the vendor: sent with POST, and a garbled answer is an unknown outcome. */
const SIDE_EFFECTS: ReadonlySet<MoviefanCallName> = new Set(["lockSeats", "submitOrder", "releaseSeats"]);

export interface MoviefanAnswer {
  /** The answer with every key trimmed and lower-cased (see wire.ts). */
  body: Wire;
  code: number;
  msg: string;
  callId: string;
}

/**
 * Builds, signs and commits one call, and parses the envelope `{code, msg, …}`. A business code
 * other than 1 comes back as a `Result` error carrying the vendor's code and message.
 */
export class MoviefanClient {
  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
    private readonly channelCode: string,
    private readonly secret: string,
  ) {}

  /** `/api/<call>.aspx`; a base URL that already ends in `/api` (the document's test address) is accepted. */
  path(call: MoviefanCallName): string {
    const prefix = basePath(this.baseUrl);
    return prefix.endsWith("/api") ? `${prefix}/${call}.aspx` : `${prefix}/api/${call}.aspx`;
  }

  async call(call: MoviefanCallName, params: Record<string, string> = {}): Promise<Result<MoviefanAnswer>> {
    // build request
    const signed = signedParams(params, this.channelCode, this.secret);
    const post = SIDE_EFFECTS.has(call);
    const form = new URLSearchParams(signed).toString();
    // commit
    const sent = await this.transport.send({
      call: `moviefan.${call}`,
      method: post ? "POST" : "GET",
      path: this.path(call),
      ...(post
        ? { body: form, headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } }
        : { query: signed }),
    });
    if (!sent.ok) return sent;
    // parse
    if (sent.status === 404) return notFound(sent, `Moviefan has no ${call}: check baseUrl`);
    let body: Wire;
    try {
      const parsed = normalizeKeys(JSON.parse(sent.body));
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      body = parsed as Wire;
    } catch {
      return failed(sent, {
        code: unreadableCode(post),
        vendorCode: sent.status === 200 ? "bad_response" : `http_${sent.status}`,
        message: `unreadable answer to ${call} (HTTP ${sent.status})`,
      });
    }
    const code = int(body, "code");
    const msg = str(body, "msg") ?? "";
    if (code === undefined) {
      return failed(sent, {
        code: unreadableCode(post),
        vendorCode: "no_code",
        message: `answer to ${call} has no code`,
      });
    }
    // success / error ("001" and "1" are both 1: codes compare numerically)
    const standard = standardCode(code, msg);
    if (standard !== "ok") {
      return failed(sent, { code: standard, vendorCode: String(code), message: msg || `code ${code}` });
    }
    return succeeded(sent, String(code), { body, code, msg });
  }
}
