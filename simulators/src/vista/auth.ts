import type { FastifyReply, FastifyRequest } from "fastify";
import { demoAccounts } from "../core/accounts.js";

/**
 * Every OData / RESTData / RestTicketing / RestBooking call carries the `connectapitoken` header
 * (§1 技术注意点 4). The document does not show the failure answer; VISTA Connect is an ASP.NET
 * service and answers a missing or wrong token with HTTP 401 and the framework's standard message.
 */
export const UNAUTHORIZED_MESSAGE = "Authorization has been denied for this request.";

export function tokenValid(req: FastifyRequest, token = demoAccounts.vista.token): boolean {
  const header = req.headers["connectapitoken"];
  const value = Array.isArray(header) ? header[0] : header;
  return value === token;
}

/** Fastify onRequest hook for the token-protected services. */
export function requireToken(token?: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (tokenValid(req, token)) return;
    reply.code(401).header("www-authenticate", 'Token realm="connectapitoken"');
    return reply.send({ Message: UNAUTHORIZED_MESSAGE });
  };
}
