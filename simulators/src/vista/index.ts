import Fastify, { type FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { requireToken } from "./auth.js";
import { registerBooking } from "./booking.js";
import { vistaBookings } from "./bookings.js";
import { buildCatalog } from "./catalog.js";
import { registerKiosk } from "./kiosk.js";
import { registerOData } from "./odata.js";
import { registerRestData } from "./seat-plan.js";
import { VistaState } from "./state.js";
import { registerTicketing } from "./ticketing.js";
import { serializeVistaJson } from "./wire.js";

export { VistaCode } from "./codes.js";
export { kioskAccount, printNumber, verifyCodeMd5 } from "./kiosk.js";
export { HOLD_MINUTES } from "./state.js";

const SERVICES: Record<string, string> = {
  odata: "OData",
  restdata: "RESTData",
  restticketing: "RestTicketing",
  restbooking: "RestBooking",
};

/**
 * IIS resolves the application folder and the .svc file name case-insensitively (the document itself
 * writes both RestTicketing.svc and RESTTicketing.svc); everything after the .svc is case-sensitive
 * (§1 技术注意点 3). OData's `Cinemas()` form equals `Cinemas`.
 */
export function normalizeUrl(url: string): string {
  return url
    .replace(/^\/wsvistawebclient\/(odata|restdata|restticketing|restbooking)\.svc(?=[/?]|$)/i, (_m, svc: string) => {
      return `/WSVistaWebClient/${SERVICES[svc.toLowerCase()]}.svc`;
    })
    .replace(/^(\/WSVistaWebClient\/OData\.svc\/[A-Za-z]+)\(\)/, "$1")
    .replace(/^\/sarftkioskservice(?=[/?]|$)/i, "/SarftKioskService");
}

/** VISTA Connect (China third-party API v4.5.7) simulator. Not listening; the caller decides. */
export async function createVistaSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.logger ?? false,
    rewriteUrl: (req) => normalizeUrl(req.url ?? "/"),
  });
  const catalog = buildCatalog(ctx.dataset);
  const state = new VistaState(ctx.clock, ctx.dataset.seed);
  ctx.bookings = () => vistaBookings(state);

  app.setReplySerializer((payload) => serializeVistaJson(payload));
  // WCF accepts JSON bodies sent with other content types too (clients often omit the header).
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => {
    const text = String(body).trim();
    if (text === "") return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error("The request body is not valid JSON"), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    reply.code(status).send({
      Message: status === 500 ? "An error has occurred." : "The request is invalid.",
      ExceptionMessage: error.message,
    });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ Message: `No HTTP resource was found that matches the request URI '${req.url}'.` });
  });

  await app.register(async (svc) => {
    svc.addHook("onRequest", requireToken());
    registerOData(svc, ctx, catalog, state);
    registerRestData(svc, ctx, catalog, state);
    registerTicketing(svc, ctx, catalog, state);
    registerBooking(svc, ctx, catalog, state);
  });
  await app.register(async (kiosk) => {
    registerKiosk(kiosk, ctx, state);
  });
  return app;
}
