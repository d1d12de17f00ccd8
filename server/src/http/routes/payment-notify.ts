import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { NotifyChannel, PaidOrders } from "../../payments/paid-orders.js";

/**
 * The providers' notify endpoints (public: no channel or admin auth; the notify's own signature,
 * checked with the cinema's keys, is the authentication). One per protocol and cinema, the URL
 * `PaidOrders.notifyUrl` gives the provider when the trade is made:
 * `POST /payments/wechat/v3/notify/{cinemaId}` (JSON), `…/v2/notify/{cinemaId}` (XML) and
 * `POST /payments/alipay/notify/{cinemaId}` (form-encoded, answered in plain text).
 * The body is kept as the exact bytes received (signatures cover bytes) and the answer is exactly
 * the provider's documented one (payments.md §1.7, §2, §4).
 */
export async function paymentNotifyRoutes(app: FastifyInstance, opts: { payments: PaidOrders }): Promise<void> {
  // Bytes as received, whatever the content type says: verification decides, not our parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));

  const handle = (version: NotifyChannel) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { cinemaId } = req.params as { cinemaId: string };
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
    const body = typeof req.body === "string" ? req.body : "";
    const answer = await opts.payments.handleNotify(cinemaId, version, { headers, body });
    return reply.code(answer.status).type(answer.contentType).send(answer.body);
  };
  const schema = {
    hide: true,
    params: { type: "object", properties: { cinemaId: { type: "string", maxLength: 64 } } },
  };
  app.post("/payments/wechat/v3/notify/:cinemaId", { schema }, handle("v3"));
  app.post("/payments/wechat/v2/notify/:cinemaId", { schema }, handle("v2"));
  // Alipay's trade_status_sync: a form POST whose sign covers the url-decoded values, so the
  // form is read raw here and parsed only by AlipayClient.verifyNotify; answered `success` as text.
  app.post("/payments/alipay/notify/:cinemaId", { schema }, handle("alipay"));
}
