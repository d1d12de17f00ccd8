import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { CatalogServices } from "../../../catalog/services.js";
import { vendorOf, vendors } from "../../../vendors/all.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import { AdminErrors, ConflictError, VendorUnavailableError } from "./responses/common.js";
import {
  ConnectionTest,
  DiscoveredCinemas,
  VendorAccountList,
  VendorAccountView,
} from "./responses/vendor-accounts.js";

const Str = (max = 200) => Type.String({ minLength: 1, maxLength: max });

/**
 * One branch per vendor of the one list (vendors/all.ts), each with that vendor's credential schema.
 * The branch's `title` and `x-names` and the fields' `x-label` / `format: password` are what the
 * console's onboarding form is built from, read from the OpenAPI document.
 */
const CreateAccount = Type.Union(
  vendors.map((v) => {
    // A directory-only vendor has no interface: no address and no credentials to give.
    const directory = v.kind === "directory";
    const baseUrl = Type.String({ pattern: "^https?://", maxLength: 500 });
    return Type.Object(
      {
        vendor: Type.Literal(v.id),
        name: Str(100),
        baseUrl: directory ? Type.Optional(baseUrl) : baseUrl,
        credentials: directory ? Type.Optional(v.credentials) : v.credentials,
        ratePerSecond: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      },
      {
        additionalProperties: false,
        title: `${v.names.zh} · ${v.names.en}`,
        "x-names": v.names,
        "x-kind": v.kind,
        ...(directory ? { "x-status": v.status } : {}),
      },
    );
  }),
);

/**
 * Vendor accounts: create (credentials never echoed), list, test connection, discover cinemas.
 * Admins and support only: an account reaches every cinema of the vendor, far beyond an operator's list.
 */
export async function adminVendorAccountRoutes(app: FastifyInstance, opts: { catalog: CatalogServices }) {
  const { catalog } = opts;
  app.addHook("preHandler", requireRole("admin", "support"));

  const createAudit = {
    action: "vendor-account.create",
    target: () => null,
    detail: (req: FastifyRequest) => {
      const body = req.body as typeof CreateAccount.static;
      return { vendor: body.vendor, name: body.name };
    },
  };
  app.post(
    "/vendor-accounts",
    {
      config: { audit: createAudit },
      schema: {
        tags: ["admin"],
        body: CreateAccount,
        response: { 201: VendorAccountView, ...AdminErrors, ...ConflictError },
      },
    },
    async (req, reply) => {
      const body = req.body as typeof CreateAccount.static;
      if (await catalog.accounts.findByName(body.name))
        throw new ApiError("CONFLICT", `vendor account "${body.name}" exists`);
      const account = await catalog.accounts.create({
        vendor: body.vendor,
        name: body.name,
        baseUrl: body.baseUrl ?? "",
        credentials: (body.credentials ?? {}) as Record<string, string>,
        ratePerSecond: body.ratePerSecond,
      });
      req.audit?.retarget(account.id);
      return reply.code(201).send(account);
    },
  );

  app.get(
    "/vendor-accounts",
    { schema: { tags: ["admin"], response: { 200: VendorAccountList, ...AdminErrors } } },
    async () => ({ items: await catalog.accounts.list() }),
  );

  app.post(
    "/vendor-accounts/:id/test",
    // A live call to the vendor with the account's credentials: audited like a vendor query.
    {
      config: { audit: { action: "vendor-account.test" } },
      schema: {
        tags: ["admin"],
        params: Type.Object({ id: Str() }),
        response: { 200: ConnectionTest, ...AdminErrors },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const connector = await connectorOr404(catalog, id);
      const res = await connector.ping();
      req.audit?.note({ ok: res.ok });
      return res.ok ? { ok: true, ...res.value } : { ok: false, error: res.error };
    },
  );

  app.get(
    "/vendor-accounts/:id/discover",
    {
      schema: {
        tags: ["admin"],
        params: Type.Object({ id: Str() }),
        response: { 200: DiscoveredCinemas, ...AdminErrors, ...VendorUnavailableError },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const directory = await directoryVendorOf(catalog, id);
      if (directory) {
        return {
          supported: false,
          message: `${directory.names.zh}${directory.status.zh}。请按系统商上线邮件手工录入影院编码（手工记录，不同步）。 / ${directory.names.en}: ${directory.status.en}. Enter the cinema codes from the vendor's onboarding email (a manual record, never synced).`,
          items: [],
        };
      }
      const connector = await connectorOr404(catalog, id);
      if (!connector.capabilities.listCinemas || !connector.listCinemas) {
        return {
          supported: false,
          message: `${connector.vendor} cannot list cinemas (vendor-docs 000 §三): enter the cinema codes from the vendor's onboarding email`,
          items: [],
        };
      }
      const res = await connector.listCinemas();
      if (!res.ok)
        throw new ApiError("VENDOR_UNAVAILABLE", `${res.error.code}: ${res.error.message}`, {
          vendorCode: res.error.vendorCode,
        });
      return {
        supported: true,
        // Said plainly, so support staff know to use the code from the vendor's onboarding email (doc 000 §三).
        ...(res.value.length === 0
          ? {
              message: `${connector.vendor} answered the cinema list with no cinema: enter the cinema code from the vendor's onboarding email`,
            }
          : {}),
        items: res.value.map((c) => ({
          vendorCinemaId: c.vendorCinemaId,
          name: c.name,
          nationalCode: c.nationalCode,
          city: c.cityName ?? c.cityCode,
        })),
      };
    },
  );
}

/** The account's vendor when it is directory-only (no interface); 404 for an unknown account. */
async function directoryVendorOf(catalog: CatalogServices, accountId: string) {
  const account = (await catalog.accounts.list()).find((a) => a.id === accountId);
  if (!account) throw new ApiError("NOT_FOUND", `vendor account ${accountId} not found`);
  const d = vendorOf(account.vendor);
  return d?.kind === "directory" ? d : undefined;
}

async function connectorOr404(catalog: CatalogServices, accountId: string) {
  const account = (await catalog.accounts.list()).find((a) => a.id === accountId);
  if (!account) throw new ApiError("NOT_FOUND", `vendor account ${accountId} not found`);
  if (!catalog.registry.supports(account.vendor)) {
    const d = vendorOf(account.vendor);
    throw new ApiError(
      "VALIDATION_FAILED",
      d?.kind === "directory"
        ? `${account.vendor}: ${d.status.en} — Cinegate does not call this vendor`
        : `${account.vendor} accounts sell vouchers; they have no seat connector`,
    );
  }
  return catalog.registry.forAccount(accountId);
}
