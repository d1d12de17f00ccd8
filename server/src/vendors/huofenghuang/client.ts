import type { Result } from "../../domain/errors.js";
import type { Host } from "../member-host.js";
import { failed, notFound, succeeded, unanswered, unreadable, unreadableCode } from "../wire/call.js";
import { UnreadableAnswer } from "../wire/read.js";
import { basePath, formSpellings } from "../wire/request.js";
import { isCheckValueMismatch, standardCode } from "./codes.js";
import { type Account, type CinemaIds, memberPairs, type Pairs, randKey, ticketPairs } from "./signing.js";
import { parseReply, type Reply } from "./wire.js";

export interface HfhCall {
  /** asmx method, e.g. `qrySearchShow` (public-refs §5.2). */
  method: string;
  params?: Pairs;
  /** Ticketing calls name the cinema in the auth block; member calls carry cinemaId as a parameter. */
  cinema?: CinemaIds;
  /** The call changes something at the vendor: a lost or garbled answer is an unknown outcome. */
  sideEffect?: boolean;
  /** Member calls: POST form, member signing order (§5.1); they go to the member URL when one is set. */
  member?: boolean;
  /** Call-specific values to mask in the recording (card passwords, mobiles …). */
  mask?: readonly string[];
}

export interface HfhAnswer {
  reply: Reply;
  callId: string;
}

/** Account-level calls (qryCinema as ping / cinema list) name no cinema: both ids go empty (inferred). */
const NO_CINEMA: CinemaIds = { cinemaId: "", cinemaLinkId: "" };

/** The diagnosis text for a refused checkValue (docs/vendors/huofenghuang.md, "checkValue"). */
export const checkValueText = (vendorText: string): string =>
  `校验串 checkValue 不匹配：火凤凰答复「${vendorText}」。请核对接口密码 userPass，以及参与校验的参数与顺序（方法参数、userId、userPass、cinemaId、cinemaLinkId、randKey）是否与影院系统版本一致。`;

/**
 * One 火凤凰 call: build (pairs in send order, randKey, checkValue) → commit (ticketing: GET
 * `{base}/{method}?…`; member: form POST) → parse (asmx string wrapper → inner XML) → success
 * (`result` 0) or error.
 */
export class HuofenghuangClient {
  constructor(
    private readonly ticketing: Host,
    private readonly members: Host,
    private readonly account: Account,
    private readonly random: () => number = Math.random,
  ) {}

  /** `{base}/{method}`, keeping the base URL's path (`…/DI_DataSender_For_BOM.asmx`). */
  static path(baseUrl: string, method: string): string {
    return `${basePath(baseUrl)}/${method}`;
  }

  async call(c: HfhCall): Promise<Result<HfhAnswer>> {
    // build
    const key = randKey(this.random);
    const pairs = c.member
      ? memberPairs(c.params ?? [], this.account, key)
      : ticketPairs(c.params ?? [], this.account, c.cinema ?? NO_CINEMA, key);
    const host = c.member ? this.members : this.ticketing;
    const encoded = new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, v])).toString();
    // commit
    const path = HuofenghuangClient.path(host.baseUrl, c.method);
    const sent = await host.transport.send({
      call: `huofenghuang.${c.method}`,
      ...(c.member
        ? {
            method: "POST" as const,
            path,
            body: encoded,
            headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
          }
        : { method: "GET" as const, path: `${path}?${encoded}`, idempotent: !c.sideEffect }),
      mask: formSpellings([this.account.userPass, ...(c.mask ?? [])]),
    });
    if (!sent.ok) {
      // A read that got no answer changed nothing. A change answered by an ASP.NET error page (500
      // and the like) may have been made before the page was thrown: unknown. Only IIS's 503 (the
      // application is stopped) says the call never ran.
      const e = sent.error;
      if (c.sideEffect && /^http_5\d\d$/.test(e.vendorCode ?? "") && e.vendorCode !== "http_503") {
        return { ok: false, error: { ...e, code: "outcome_unknown" } };
      }
      return unanswered(e, c.sideEffect);
    }
    if (sent.status === 404) return notFound(sent, `火凤凰 has no ${c.method}: check baseUrl`);
    // parse
    let reply: Reply;
    try {
      reply = parseReply(sent.body);
    } catch (e) {
      if (!(e instanceof UnreadableAnswer)) throw e;
      return unreadable(sent, c.sideEffect, c.method, e.message);
    }
    const unknown = unreadableCode(c.sideEffect);
    if (reply.result === undefined) {
      return failed(sent, {
        code: unknown,
        vendorCode: "no_result",
        message: `the answer to ${c.method} carries no result`,
      });
    }
    // success / error
    if (reply.result === "0") return succeeded(sent, "0", { reply });
    const standard = standardCode(c.method, reply.result, reply.message, unknown);
    const code = standard === "ok" ? unknown : standard;
    const vendorText = reply.message || `result ${reply.result}`;
    return failed(sent, {
      code,
      vendorCode: reply.result,
      message:
        code === "auth_failed" && isCheckValueMismatch(vendorText)
          ? checkValueText(vendorText)
          : `火凤凰 ${c.method}: ${vendorText}`,
    });
  }
}
