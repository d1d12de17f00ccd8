import type { Result } from "../../domain/errors.js";
import type { Clock } from "../../domain/time.js";
import type { VendorTransport } from "../transport.js";
import { failed, notFound, succeeded, unanswered, unreadableCode } from "../wire/call.js";
import { standardCode, TOKEN_CODES } from "./codes.js";
import { verifyInfo } from "./signing.js";
import { readDocument, readSoapReturn, soapRequest, str, TICKET_NS, type Wire } from "./soap.js";

/** Where the two services live below the account's base URL (public-refs §9.1 endpoints). */
export const TICKET_PATH = "/ticketapi/services/ticketapi";
export const MEMBER_PATH = "/cmtspay/services/payapi";

export interface MantianxingAnswer {
  /** The root element of the vendor's document (`GetCinemaPlanResult` …), or "json". */
  root: string;
  body: Wire;
  code: string;
  callId: string;
}

/** A session token from GetToken (public-refs §9.2): TokenID is sent, Token only signed. */
export interface Token {
  id: string;
  token: string;
  expiresAt: number;
}

export interface CallSpec {
  op: string;
  /** The request elements in WSDL order, verify value included (built by `build`). */
  build(token: Token | undefined): Array<[string, string]>;
  /** Ops with pTokenID (public-refs §9.2 lists those without). */
  token: boolean;
  /** The call changes state at the vendor: an unreadable answer is an unknown outcome, never "down". */
  sideEffect?: boolean;
  /** Values to mask in the recording (card passwords, mobiles in XML). */
  mask?: readonly string[];
  /** The SOAP namespace and path (member centre calls differ). */
  ns?: string;
  path?: string;
  /** Recorded call name prefix. */
  service?: "ticket" | "member";
}

/** Token lifetime is the reply's TimeOut; we renew this long before it ends. */
const TOKEN_MARGIN_MS = 30_000;

/**
 * One call, in the order every client follows: build → commit (the shared transport) → parse →
 * success / error. The SOAP envelope is written by hand (soap.ts) because the vendor's reply is a
 * document inside a string, which a WSDL-driven library would hand back unparsed anyway.
 */
export class MantianxingClient {
  private current: Token | undefined;
  private pending: Promise<Result<Token>> | undefined;

  constructor(
    private readonly transport: VendorTransport,
    private readonly clock: Clock,
    readonly appCode: string,
    private readonly key: string,
  ) {}

  /** The ticket-centre verify value over `values` (+ TokenID + Token when a token is given). */
  sign(values: readonly string[], token?: Token): string {
    return verifyInfo(token ? [...values, token.id, token.token] : values, this.key);
  }

  /** GetToken(pAppCode, pVerifyInfo), cached until shortly before its TimeOut. */
  async token(): Promise<Result<Token>> {
    if (this.current && this.clock.now() < this.current.expiresAt) return { ok: true, value: this.current };
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<Result<Token>> {
    const res = await this.send({
      op: "GetToken",
      token: false,
      build: () => [
        ["pAppCode", this.appCode],
        ["pVerifyInfo", this.sign([this.appCode])],
      ],
    });
    if (!res.ok) return res;
    const id = str(res.value.body, "TokenID");
    const token = str(res.value.body, "Token");
    const seconds = Number(str(res.value.body, "TimeOut") ?? "300");
    if (!id || !token)
      return {
        ok: false,
        error: { code: "vendor_unavailable", message: "GetToken answered no token", callId: res.value.callId },
      };
    const lifeMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 300) * 1000;
    this.current = { id, token, expiresAt: this.clock.now() + Math.max(lifeMs - TOKEN_MARGIN_MS, lifeMs / 2) };
    return { ok: true, value: this.current };
  }

  async call(spec: CallSpec): Promise<Result<MantianxingAnswer>> {
    if (!spec.token) return this.send(spec);
    for (let attempt = 1; ; attempt++) {
      const token = await this.token();
      if (!token.ok) return token;
      const res = await this.send(spec, token.value);
      // A refused token means the vendor did nothing: renew it and send once more.
      if (res.ok || attempt > 1 || !TOKEN_CODES.has(res.error.vendorCode ?? "")) return res;
      this.current = undefined;
    }
  }

  private async send(spec: CallSpec, token?: Token): Promise<Result<MantianxingAnswer>> {
    const { op } = spec;
    const side = spec.sideEffect === true;
    // build
    const body = soapRequest(op, spec.build(token), spec.ns ?? TICKET_NS);
    // commit
    const sent = await this.transport.send({
      call: `mantianxing.${spec.service ?? "ticket"}.${op}`,
      method: "POST",
      path: spec.path ?? TICKET_PATH,
      body,
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"urn:${op}"` },
      mask: [...(spec.mask ?? []), ...(token ? [token.token] : [])],
    });
    if (!sent.ok) return unanswered(sent.error, side);
    // parse
    if (sent.status === 404) return notFound(sent, `满天星 has no ${op} here: check the base URL`);
    const soap = readSoapReturn(sent.body, op);
    if (soap.kind === "unreadable") {
      return failed(sent, {
        code: unreadableCode(side),
        vendorCode: sent.status === 200 ? "bad_response" : `http_${sent.status}`,
        message: `unreadable answer to ${op} (HTTP ${sent.status}: ${soap.why})`,
      });
    }
    if (soap.kind === "fault") {
      return failed(sent, {
        code: unreadableCode(side),
        vendorCode: "soap_fault",
        message: `SOAP fault from ${op}: ${soap.reason || soap.code}`,
      });
    }
    const doc = readDocument(soap.text);
    if (!doc) {
      return failed(sent, {
        code: unreadableCode(side),
        vendorCode: "bad_document",
        message: `unreadable ${op} document`,
      });
    }
    // success / error
    const code = str(doc.body, "ResultCode") ?? "";
    const message =
      str(doc.body, "ResultMsg") ??
      str(doc.body, "ResultDesc") ??
      str(doc.body, "Message") ??
      str(doc.body, "resultmsg") ??
      "";
    if (code === "") {
      return failed(sent, {
        code: unreadableCode(side),
        vendorCode: "no_code",
        message: `answer to ${op} has no ResultCode`,
      });
    }
    const standard = standardCode(code, message);
    if (standard !== "ok") {
      // An unlisted code keeps the vendor's raw text for support staff.
      return failed(sent, {
        code: standard,
        vendorCode: code,
        message: message ? `${message} (${code})` : `满天星 ResultCode ${code}`,
      });
    }
    return succeeded(sent, code, { root: doc.root, body: doc.body, code });
  }
}
