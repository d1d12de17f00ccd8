import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { assertCinemaVisible } from "../../../ops/scope.js";
import { checkAlipayConfig, checkWechatConfig, type Finding } from "../../../payments/check.js";
import {
  applyWrite,
  openAlipay,
  openWechat,
  PaymentConfigView,
  PaymentConfigWrite,
  storedOf,
  viewOf,
} from "../../../payments/config.js";
import type { SecretBox } from "../../../security/secret-box.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import { ErrorResponses } from "../../schemas.js";
import type { AdminRouteDeps } from "./deps.js";

export interface PaymentConfigRouteDeps extends AdminRouteDeps {
  box: SecretBox;
  /** The real WeChat Pay API root for cinemas without their own `apiBaseUrl` (unset: they must name one). */
  wechatPayBaseUrl?: string;
  /** The real Alipay gateway for cinemas without their own `gatewayUrl` (unset: they must name one). */
  alipayGatewayUrl?: string;
  /** Where the check's 1-fen order says notifies go (never paid, so never called). */
  notifyBaseUrl?: string;
}

const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const CheckAnswer = Type.Object({
  cinemaId: Type.String(),
  ok: Type.Boolean(),
  findings: Type.Array(
    Type.Object({ check: Type.String(), ok: Type.Boolean(), message: Text, fix: Type.Optional(Text) }),
  ),
});
const CheckBody = Type.Object(
  {
    /** A real buyer's openid under the cinema's AppID, to place the 1-fen order (optional). */
    testOpenid: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);

/**
 * GET/PUT /admin/cinemas/{id}/payment-config and POST …/check (API.md). The configuration is the
 * `payments` section of the cinema's settings record; secrets are write-only (reads say which are
 * set), never logged or audited. Operators read their own cinemas; admin and support write and check.
 */
export async function adminPaymentConfigRoutes(app: FastifyInstance, deps: PaymentConfigRouteDeps): Promise<void> {
  const store = deps.catalog.settings;

  const cinemaExists = async (id: string) => {
    const row = await deps.db.selectFrom("cinemas").select("id").where("id", "=", id).executeTakeFirst();
    if (!row) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
  };

  app.get(
    "/cinemas/:id/payment-config",
    { schema: { tags: ["admin"], params, response: { 200: PaymentConfigView, ...ErrorResponses } } },
    async (req) => {
      const { id } = req.params as { id: string };
      assertCinemaVisible(req.actor, id);
      await cinemaExists(id);
      const r = await store.get(id);
      return viewOf(storedOf(r.document), r);
    },
  );

  app.put(
    "/cinemas/:id/payment-config",
    {
      preHandler: requireRole("admin", "support"),
      // PEM keys and certificates are a few KiB together: more than the API's default body limit.
      bodyLimit: 64 * 1024,
      config: {
        audit: {
          action: "cinema.payment_config",
          // Names of what was written, never a value: secrets must not reach the audit log.
          detail: (req) => {
            const b = req.body as PaymentConfigWrite;
            const fields = (o: object | null | undefined) =>
              o ? Object.keys(o).sort() : o === null ? null : undefined;
            return { wechat: fields(b.wechat), alipay: fields(b.alipay), memberCardPay: b.memberCardPay };
          },
        },
      },
      schema: {
        tags: ["admin"],
        params,
        body: PaymentConfigWrite,
        response: { 200: PaymentConfigView, 409: Type.Ref("Problem"), ...ErrorResponses },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as PaymentConfigWrite;
      await cinemaExists(id);
      const current = await store.get(id);
      const version = body.version ?? current.version;
      const next = applyWrite(storedOf(current.document), body, deps.box);
      const written = await store.put(id, version, { ...current.document, payments: next }, req.actor?.id ?? "unknown");
      if (!written.ok) {
        throw new ApiError(
          "CONFLICT",
          `the cinema's settings changed since version ${version} was read (now version ${written.currentVersion}); reload and apply the change again`,
          { currentVersion: written.currentVersion },
        );
      }
      req.audit?.note({ newVersion: written.record.version });
      return viewOf(next, written.record);
    },
  );

  app.post(
    "/cinemas/:id/payment-config/check",
    {
      preHandler: requireRole("admin", "support"),
      // It calls the merchant (and creates and closes a 1-fen order): audited like a diagnosis.
      config: { audit: { action: "cinema.payment_config.check" } },
      schema: {
        tags: ["admin"],
        params,
        body: Type.Optional(CheckBody),
        response: { 200: CheckAnswer, ...ErrorResponses },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = (req.body ?? {}) as { testOpenid?: string };
      await cinemaExists(id);
      const r = await store.get(id);
      let opened: ReturnType<typeof openWechat>;
      let alipay: ReturnType<typeof openAlipay>;
      try {
        opened = openWechat(storedOf(r.document), deps.box);
        alipay = openAlipay(storedOf(r.document), deps.box);
      } catch {
        throw new ApiError(
          "VALIDATION_FAILED",
          "the stored payment secrets cannot be opened with this master key; enter them again",
        );
      }
      const findings: Finding[] = await checkWechatConfig(opened, {
        clock: deps.catalog.clock,
        ...(deps.wechatPayBaseUrl ? { defaultBaseUrl: deps.wechatPayBaseUrl } : {}),
        notifyUrl: `${deps.notifyBaseUrl ?? "https://cinegate.invalid"}/notify/wechatpay/check`,
        ...(body.testOpenid ? { testOpenid: body.testOpenid } : {}),
      });
      // Alipay is optional: checked only when the cinema has one configured.
      if (alipay) {
        findings.push(
          ...(await checkAlipayConfig(alipay, {
            clock: deps.catalog.clock,
            ...(deps.alipayGatewayUrl ? { defaultGatewayUrl: deps.alipayGatewayUrl } : {}),
            notifyUrl: `${deps.notifyBaseUrl ?? "https://cinegate.invalid"}/notify/alipay/check`,
          })),
        );
      }
      const ok = findings.every((f) => f.ok);
      req.audit?.note({ ok, failed: findings.filter((f) => !f.ok).map((f) => f.check) });
      return { cinemaId: id, ok, findings };
    },
  );
}
