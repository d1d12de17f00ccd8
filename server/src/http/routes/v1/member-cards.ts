import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { BenefitCardService } from "../../../members/benefit-card-service.js";
import type { MemberCardService } from "../../../members/member-card-service.js";
import { IdempotencyHeaders, idempotencyKeyOf } from "../../idempotency-key.js";
import { ErrorResponses } from "../../schemas.js";
import {
  BenefitCard,
  BenefitCinemaQuery,
  BenefitRegisterBody,
  BenefitRenewBody,
  Card,
  CardNoParam,
  CardRefParam,
  CinemaIdParam,
  GoodsList,
  GradeList,
  PoliciesQuery,
  PolicyList,
  RechargeBody,
  RegisterBody,
  Transactions,
  TransactionsQuery,
  VerifyBody,
} from "./member-card-schemas.js";

const Refusals = {
  409: { $ref: "Problem" },
  422: { $ref: "Problem" },
  429: { $ref: "Problem" },
  503: { $ref: "Problem" },
} as const;

const channelId = (req: FastifyRequest) => req.channel!.id;

/** An Idempotency-Key'd answer: a replay of a creation is 200, as for orders. */
const answer = (reply: FastifyReply, res: { statusCode: number; body: unknown; replayed: boolean }) =>
  reply.code(res.replayed && res.statusCode === 201 ? 200 : res.statusCode).send(res.body as never);

/** API.md "Member cards, concessions, benefit cards" for channels (the card-priced order parts live with orders). */
export async function memberCardRoutes(
  app: FastifyInstance,
  opts: { cards: MemberCardService; benefitCards: BenefitCardService },
) {
  const { cards, benefitCards } = opts;
  const tags = ["member cards"];
  const responses = (ok: number, schema: unknown) => ({ [ok]: schema, ...ErrorResponses, ...Refusals });

  app.get(
    "/cinemas/:cinemaId/member-card-grades",
    {
      schema: {
        tags,
        summary: "The cinema's member-card grades (会员卡等级)",
        params: CinemaIdParam,
        response: responses(200, GradeList),
      },
    },
    async (req) => cards.grades(channelId(req), (req.params as { cinemaId: string }).cinemaId),
  );

  app.post(
    "/member-cards/verify",
    {
      schema: {
        tags,
        summary: "Card number + password → a cardRef (绑卡 / 会员卡登录)",
        body: VerifyBody,
        response: responses(200, Card),
      },
    },
    async (req) => cards.verify(channelId(req), req.body as typeof VerifyBody.static),
  );

  app.get(
    "/member-cards/:cardRef",
    {
      schema: { tags, summary: "The card, live from the vendor", params: CardRefParam, response: responses(200, Card) },
    },
    async (req) => cards.get(channelId(req), (req.params as { cardRef: string }).cardRef),
  );

  app.post(
    "/member-cards",
    {
      schema: {
        tags,
        summary: "Register a card the buyer paid for (开卡)",
        headers: IdempotencyHeaders,
        body: RegisterBody,
        response: { ...responses(201, Card), 200: Card },
      },
    },
    async (req, reply) => {
      const res = await cards.register(channelId(req), idempotencyKeyOf(req), req.body as typeof RegisterBody.static);
      return answer(reply, res);
    },
  );

  app.post(
    "/member-cards/:cardRef/recharge",
    {
      schema: {
        tags,
        summary: "Recharge a card the buyer paid for (充值)",
        params: CardRefParam,
        headers: IdempotencyHeaders,
        body: RechargeBody,
        response: responses(200, Card),
      },
    },
    async (req, reply) => {
      const res = await cards.recharge(
        channelId(req),
        (req.params as { cardRef: string }).cardRef,
        idempotencyKeyOf(req),
        req.body as typeof RechargeBody.static,
      );
      return answer(reply, res);
    },
  );

  app.get(
    "/member-cards/:cardRef/transactions",
    {
      schema: {
        tags,
        summary: "Consumption, recharge and points records (≤ 90 days)",
        params: CardRefParam,
        querystring: TransactionsQuery,
        response: responses(200, Transactions),
      },
    },
    async (req) =>
      cards.transactions(
        channelId(req),
        (req.params as { cardRef: string }).cardRef,
        req.query as typeof TransactionsQuery.static,
      ),
  );

  app.get(
    "/cinemas/:cinemaId/goods",
    {
      schema: {
        tags: ["concessions"],
        summary: "The cinema's concessions (卖品)",
        params: CinemaIdParam,
        response: responses(200, GoodsList),
      },
    },
    async (req) => cards.goods(channelId(req), (req.params as { cinemaId: string }).cinemaId),
  );

  const benefitTags = ["benefit cards"];

  app.get(
    "/benefit-card-policies",
    {
      schema: {
        tags: benefitTags,
        summary: "Benefit-card (联名卡) policies of the channel's cinemas",
        querystring: PoliciesQuery,
        response: responses(200, PolicyList),
      },
    },
    async (req) => benefitCards.policies(channelId(req), (req.query as { cinemaId?: string }).cinemaId),
  );

  app.post(
    "/benefit-cards",
    {
      schema: {
        tags: benefitTags,
        summary: "Register a benefit card the buyer paid for",
        headers: IdempotencyHeaders,
        body: BenefitRegisterBody,
        response: { ...responses(201, BenefitCard), 200: BenefitCard },
      },
    },
    async (req, reply) => {
      const res = await benefitCards.register(
        channelId(req),
        idempotencyKeyOf(req),
        req.body as typeof BenefitRegisterBody.static,
      );
      return answer(reply, res);
    },
  );

  app.get(
    "/benefit-cards/:cardNo",
    {
      schema: {
        tags: benefitTags,
        summary: "One benefit card, live from the vendor",
        params: CardNoParam,
        querystring: BenefitCinemaQuery,
        response: responses(200, BenefitCard),
      },
    },
    async (req) =>
      benefitCards.get(
        channelId(req),
        (req.query as { cinemaId: string }).cinemaId,
        (req.params as { cardNo: string }).cardNo,
      ),
  );

  app.post(
    "/benefit-cards/:cardNo/renew",
    {
      schema: {
        tags: benefitTags,
        summary: "Renew a benefit card the buyer paid for",
        params: CardNoParam,
        headers: IdempotencyHeaders,
        body: BenefitRenewBody,
        response: responses(200, BenefitCard),
      },
    },
    async (req, reply) => {
      const res = await benefitCards.renew(
        channelId(req),
        (req.params as { cardNo: string }).cardNo,
        idempotencyKeyOf(req),
        req.body as typeof BenefitRenewBody.static,
      );
      return answer(reply, res);
    },
  );
}
