import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { authenticateMember, memberOps } from "./calls-member.js";
import { authenticateFlat, ticketOps } from "./calls-ticket.js";
import { catalogSource } from "./catalog.js";
import { Code, MtxError } from "./codes.js";
import { mantianxingSimulator } from "./descriptor.js";
import type { MtxEnv, Reply } from "./env.js";
import { OrderBook } from "./orders.js";
import { MEMBER_NS, readRequest, resultXml, type SoapVersion, soapFault, soapResponse, TICKET_NS } from "./soap.js";
import { TokenStore } from "./tokens.js";

/** Endpoints seen in public-refs §9.1 (plain service path and Axis2's per-binding endpoints). */
const TICKET_PATHS = [
  "/ticketapi/services/ticketapi",
  "/ticketapi/services/ticketapi.ticketapiHttpSoap11Endpoint/",
  "/ticketapi/services/ticketapi.ticketapiHttpSoap12Endpoint/",
];
const MEMBER_PATHS = [
  "/cmtspay/services/payapi",
  "/cmtspay/services/payapi.payapiHttpSoap11Endpoint/",
  "/cmtspay/services/payapi.payapiHttpSoap12Endpoint/",
];

const versionOf = (req: FastifyRequest): SoapVersion =>
  String(req.headers["content-type"] ?? "").includes("application/soap+xml") ? "1.2" : "1.1";
const contentType = (v: SoapVersion) =>
  v === "1.2" ? "application/soap+xml; charset=UTF-8" : "text/xml; charset=UTF-8";

/** What a reply document becomes inside `ns:return`. */
const inner = (r: Reply) => ("xml" in r ? r.xml : JSON.stringify(r.json));

/** A failure in the op's own reply shape: `{Op}Result` with ResultCode/ResultMsg, or JSON. */
function failure(op: string, json: boolean, code: string, msg: string): string {
  return json
    ? JSON.stringify({ resultCode: code, resultMsg: msg })
    : resultXml(`${op}Result`, { ResultCode: code, ResultMsg: msg });
}

/** Ops whose reply is JSON (GetHallAllSeat and the member centre's serial* calls). */
const JSON_OPS = new Set(["GetHallAllSeat", "serialCardPay", "serialCardRecharge"]);

/**
 * 满天星 CMTS (public-refs §9): an Axis2 SOAP ticket centre (`ticketapi`) and member centre
 * (`cmtspay` payapi) on one port. Requests are document/literal SOAP 1.1 or 1.2; each reply's
 * `ns:return` holds the vendor's own XML (or JSON) document with a ResultCode.
 */
export async function createMantianxingSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  for (const type of ["text/xml", "application/soap+xml", "application/xml"]) {
    app.addContentTypeParser(type, { parseAs: "string" }, (_req, body, done) => done(null, body));
  }
  const demo = mantianxingSimulator.demoAccount;
  const orders = new OrderBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  ctx.bookings = () => orders.views();
  const env: MtxEnv = {
    dataset: () => ctx.dataset,
    catalog: catalogSource(() => ctx.dataset),
    now: () => ctx.clock.now(),
    faults: ctx.faults,
    orders,
    tokens: new TokenStore(() => ctx.clock.now()),
    appCode: demo.appCode!,
    key: demo.key!,
    partnerCode: demo.partnerCode!,
    partnerKey: demo.partnerKey!,
  };

  const serve = (service: "ticket" | "member") => async (req: FastifyRequest, reply: FastifyReply) => {
    const version = versionOf(req);
    const parsed = readRequest(String(req.body ?? ""));
    reply.type(contentType(version));
    if ("error" in parsed) {
      // Axis2 answers an unreadable envelope with a SOAP fault and HTTP 500.
      reply.code(500);
      return soapFault(parsed.error, version);
    }
    const { op, params } = parsed;
    const ns = service === "ticket" ? TICKET_NS : MEMBER_NS;
    const ticketOp = service === "ticket" ? ticketOps[op] : undefined;
    const memberOp = service === "member" ? memberOps[op] : undefined;
    if (!ticketOp && !memberOp) {
      reply.code(500);
      return soapFault(
        `The endpoint reference (EPR) for the Operation not found is ${req.url} and the WSA Action = urn:${op}`,
        version,
      );
    }
    const json = JSON_OPS.has(op);
    const renderFault: RenderFault = (kind) => {
      if (kind === "down") {
        return {
          status: 503,
          contentType: "text/html;charset=utf-8",
          body: "<!doctype html><html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>",
        };
      }
      // No rate-limit code is in the refs: a generic system error saying "too frequent" (inferred).
      const msg = kind === "rateLimited" ? "访问过于频繁，请稍后再试" : "系统错误";
      return {
        status: 200,
        contentType: contentType(version),
        body: soapResponse(op, failure(op, json, Code.system, msg), version, ns),
      };
    };
    return runWithFaults(ctx.faults, op, reply, renderFault, () => {
      try {
        let answer: Reply;
        if (ticketOp) {
          authenticateFlat(ticketOp, params, env);
          answer = ticketOp.handle(params, env);
        } else {
          authenticateMember(memberOp!, params, env);
          answer = memberOp!.handle(params, env);
        }
        return soapResponse(op, inner(answer), version, ns);
      } catch (e) {
        if (e instanceof MtxError) return soapResponse(op, failure(op, json, e.code, e.message), version, ns);
        throw e;
      }
    });
  };

  for (const path of TICKET_PATHS) app.post(path, serve("ticket"));
  for (const path of MEMBER_PATHS) app.post(path, serve("member"));
  app.setErrorHandler((err: Error, req, reply) => {
    const version = versionOf(req);
    reply.code(500).type(contentType(version));
    return soapFault(err.message, version);
  });
  return app;
}
