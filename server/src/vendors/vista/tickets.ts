import { fail, ok, type Result } from "../../domain/errors.js";
import { codeError, type VistaClient } from "./client.js";
import { parseTicketTypes, type VistaTicketType } from "./mapping.js";

/**
 * RESTData GetTicketsForSession (§3.3): the ticket types of one session per area category with the
 * exact PriceInCents AddTickets must quote. §3.3 note 1: on a timeout call up to three times (the
 * transport resends idempotent reads), then keep the last ticket types we had — so a timeout or an
 * empty answer is an error here, never an empty list (§2.1), and the caller's cache stays.
 */
export function getTicketsForSession(
  client: VistaClient,
  cinemaId: string,
  sessionId: string,
): Promise<Result<VistaTicketType[]>> {
  return client.call(
    {
      call: "GetTicketsForSession",
      method: "GET",
      path: `/RESTData.svc/cinemas/${encodeURIComponent(cinemaId)}/sessions/${encodeURIComponent(sessionId)}/tickets`,
      resultField: "ResponseCode",
      idempotent: true,
    },
    (a) => {
      if (a.code === 4) return codeError(4, a.description || "invalid cinema or session id", "not_found");
      if (a.code !== 0) return codeError(a.code ?? -1, a.description);
      const types = parseTicketTypes(a.json);
      if (types.length === 0) {
        return fail(
          "vendor_unavailable",
          `no ticket types for session ${sessionId}; keep the cached ones (§2.1)`,
          "empty",
        );
      }
      return ok(types);
    },
  );
}
