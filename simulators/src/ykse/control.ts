import type { FastifyInstance } from "fastify";
import type { CardStatusCode, YkseState } from "./state.js";

/** The control API's words for the card statuses of §7.7 (plain JSON for people and tests). */
const STATUS_NAMES: Record<CardStatusCode, string> = {
  N: "active",
  R: "lost",
  G: "replaced",
  C: "cancelled",
  T: "expired",
  U: "used_up",
};
const STATUS_CODES = new Map(Object.entries(STATUS_NAMES).map(([code, name]) => [name, code as CardStatusCode]));

/**
 * The ykse simulator's own back door under /_control (next to the one every simulator has): its
 * demo member cards with their passwords, so tests and a person trying the demo can use them, and
 * a switch for a card's status (a counter reporting a card lost, a card running out of validity).
 * Sandbox data only — a real vendor has no such call.
 */
export function registerYkseControl(app: FastifyInstance, state: YkseState): void {
  app.register(
    async (scope) => {
      scope.get("/member-cards", async () => {
        const numbers = new Set([...state.ctx.dataset.cards.map((c) => c.cardNo), ...state.cards.keys()]);
        const items = [];
        for (const cardNo of numbers) {
          const card = state.card(cardNo);
          if (!card) continue; // another vendor's card of the data set
          items.push({
            cinemaLinkId: card.cinemaCode,
            cardNo: card.cardNumber,
            password: card.password,
            gradeId: card.gradeId,
            status: STATUS_NAMES[card.status],
            balanceFen: card.balanceFen,
            points: card.tradePoints,
          });
        }
        return { items };
      });

      scope.put("/member-cards/:cardNo/status", async (req, reply) => {
        const card = state.card((req.params as { cardNo: string }).cardNo);
        if (!card) return reply.code(404).send({ error: "not_found", message: "no such card at this simulator" });
        const wanted = (req.body as { status?: unknown } | undefined)?.status;
        const code = typeof wanted === "string" ? STATUS_CODES.get(wanted) : undefined;
        if (!code)
          return reply.code(400).send({
            error: "bad_request",
            message: `body must be {status}: one of ${[...STATUS_CODES.keys()].join(", ")}`,
          });
        card.status = code;
        return { cardNo: card.cardNumber, status: wanted };
      });
    },
    { prefix: "/_control" },
  );
}
