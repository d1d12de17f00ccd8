import Fastify, { type FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { OrderBook } from "./book.js";
import { catalogueOps } from "./calls-catalogue.js";
import { memberOps } from "./calls-members.js";
import { tradeOps } from "./calls-trade.js";
import { catalogOf } from "./catalog.js";
import { Code, TspError } from "./codes.js";
import { chenxingSimulator } from "./descriptor.js";
import type { TspEnv, TspOp } from "./env.js";
import { expectedVerifyInfo } from "./signing.js";
import {
  contentTypeOf,
  parseSoapRequest,
  parseXml,
  renderFault,
  renderResult,
  SoapFault,
  type SoapVersion,
  type Tree,
  TSP_NAMESPACE,
  TSP_PATH,
} from "./soap.js";
import { wsdl } from "./wsdl.js";

/** What Tomcat answers when the web application is stopped. */
const DOWN_PAGE =
  '<!doctype html><html lang="en"><head><title>HTTP Status 503 – Service Unavailable</title></head>' +
  "<body><h1>HTTP Status 503 – Service Unavailable</h1><hr/><p><b>Type</b> Status Report</p>" +
  "<p><b>Description</b> The server is currently unable to handle the request.</p><hr/><h3>Apache Tomcat</h3></body></html>";

export const allOps: readonly TspOp[] = [...catalogueOps, ...tradeOps, ...memberOps];

/**
 * 辰星 Oristar TSP as public code shows it (public-refs §3): one SOAP endpoint
 * `/tsp-ws/services/tsp/cinema`, document/literal operations with unqualified `pXxx` parameters
 * (or one XML-string parameter for writes), every call signed with `pVerifyInfo`, answers as an
 * `{Op}Result` document inside `<return>`. SOAP 1.1 by default; a 1.2 request is answered in 1.2.
 */
export async function createChenxingSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  for (const type of ["text/xml", "application/soap+xml", "application/xml"]) {
    app.addContentTypeParser(type, { parseAs: "string" }, (_req, body, done) => done(null, body));
  }
  const book = new OrderBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  ctx.bookings = () => book.views();
  const env: TspEnv = {
    dataset: () => ctx.dataset,
    catalog: () => catalogOf(ctx.dataset),
    now: () => ctx.clock.now(),
    faults: ctx.faults,
    book,
  };
  const ops = new Map(allOps.map((o) => [o.name, o]));

  app.get(TSP_PATH, async (req, reply) => {
    if (!("wsdl" in (req.query as object))) {
      reply.code(405).type("text/plain; charset=utf-8");
      return "Method Not Allowed: POST a SOAP request, or GET ?wsdl";
    }
    reply.type("text/xml; charset=utf-8");
    return wsdl(allOps);
  });

  app.post(TSP_PATH, async (req, reply) => {
    const version: SoapVersion = String(req.headers["content-type"] ?? "").includes("soap+xml") ? "1.2" : "1.1";
    reply.type(contentTypeOf(version));
    let parsed: ReturnType<typeof parseSoapRequest>;
    try {
      parsed = parseSoapRequest(String(req.body ?? ""));
    } catch (e) {
      if (!(e instanceof SoapFault)) throw e;
      reply.code(500);
      return renderFault(version, e);
    }
    const op = ops.get(parsed.op);
    if (!op) {
      reply.code(500);
      return renderFault(
        version,
        new SoapFault("Client", `Cannot find dispatch method for {${TSP_NAMESPACE}}${parsed.op}`),
      );
    }
    const render: RenderFault = (kind) => {
      if (kind === "down") return { status: 503, contentType: "text/html;charset=utf-8", body: DOWN_PAGE };
      const [code, message] =
        kind === "rateLimited" ? [Code.busy, "访问过于频繁，请稍后再试"] : [Code.system, "系统内部错误，请稍后重试"];
      return { status: 200, body: renderResult(version, op.name, { ResultCode: code, Message: message }) };
    };
    return runWithFaults(ctx.faults, op.name, reply, render, () =>
      renderResult(version, op.name, answer(op, parsed.params, env)),
    );
  });

  app.setErrorHandler((err: Error, _req, reply) => {
    reply.code(500).type(contentTypeOf("1.1"));
    return renderFault("1.1", new SoapFault("Server", err.message));
  });
  return app;
}

/** Authenticates and runs one operation; business failures become `ResultCode` + `Message`. */
function answer(op: TspOp, params: Record<string, string>, env: TspEnv): Tree {
  const { appCode, verifyKey } = chenxingSimulator.demoAccount;
  try {
    let result: Tree;
    if (op.kind === "flat") {
      const values = [params.pAppCode ?? "", ...op.params.map((n) => params[n] ?? ""), params.pCompress ?? ""];
      authenticate(params.pAppCode ?? "", params.pVerifyInfo ?? "", expectedVerifyInfo(values, verifyKey), appCode);
      result = op.handle(params, env);
    } else {
      const text = (params[op.param] ?? "").trim();
      if (!text) throw new TspError(Code.badParam, `参数错误: 缺少 ${op.param}`);
      let doc: Tree;
      try {
        const root = parseXml(text, op.param)[op.root];
        if (!root || typeof root !== "object") throw new Error(`root is not ${op.root}`);
        doc = root as Tree;
      } catch (e) {
        throw new TspError(Code.badParam, `参数错误: ${op.param} 不是有效的 ${op.root} (${(e as Error).message})`);
      }
      const str = (n: string) => (typeof doc[n] === "string" ? (doc[n] as string) : "");
      const values = [str("AppCode"), ...op.signed(doc), str("Compress")];
      authenticate(str("AppCode"), str("VerifyInfo"), expectedVerifyInfo(values, verifyKey), appCode);
      result = op.handle(doc, env);
    }
    return { ResultCode: Code.ok, Message: "成功", ...result };
  } catch (e) {
    if (e instanceof TspError) return { ResultCode: e.code, Message: e.message };
    throw e;
  }
}

function authenticate(givenApp: string, givenVerify: string, expected: string, appCode: string): void {
  if (givenApp !== appCode) throw new TspError(Code.badVerify, `AppCode不存在或未授权: ${givenApp}`);
  if (givenVerify.toLowerCase() !== expected) throw new TspError(Code.badVerify, "验证信息(VerifyInfo)校验失败");
}
