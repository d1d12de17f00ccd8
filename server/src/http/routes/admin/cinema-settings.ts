import { Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import type { FastifyInstance } from "fastify";
import type { CinemaSettingsRecord } from "../../../cinemas/settings.js";
import { assertCinemaVisible } from "../../../ops/scope.js";
import { vendorOf } from "../../../vendors/all.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors, ConflictError } from "./responses/common.js";

/** A section's values: checked against its own schema in the handler (the vendor's differs per cinema). */
const SectionValues = Type.Record(Type.String(), Type.Unknown());

/** The record's sections. Later ones (payments, buyerSite) are added here, each optional. */
const Sections = Type.Object({ vendor: Type.Optional(SectionValues) }, { additionalProperties: false });

const SettingsWrite = Type.Object(
  {
    /** The version the writer read (0 when nothing was stored); a stale one is 409 CONFLICT. */
    version: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
    settings: Sections,
  },
  { additionalProperties: false },
);

const SettingsAnswer = Type.Object({
  cinemaId: Type.String(),
  vendor: Type.String(),
  /** 0: nothing stored, every default applies. */
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  settings: Type.Object({ vendor: SectionValues }),
  /** Each section's JSON Schema (null: the vendor has no per-cinema settings); the console's form. */
  schemas: Type.Object({ vendor: Type.Union([Type.Unknown(), Type.Null()]) }),
});

const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * GET/PUT /admin/cinemas/{id}/settings: the cinema's settings record (cinemas/settings.ts).
 * Operators read their own cinemas' settings (others answer 404); admin and support write them,
 * as they do the seat rules.
 */
export async function adminCinemaSettingsRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const store = deps.catalog.settings;

  const cinemaVendor = async (id: string) => {
    const row = await deps.db.selectFrom("cinemas").select("vendor").where("id", "=", id).executeTakeFirst();
    if (!row) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
    const d = vendorOf(row.vendor);
    // Seat vendors' own settings, or a directory-only vendor's manual record (contacts).
    return {
      vendor: row.vendor,
      schema: d?.kind === "seats" || d?.kind === "directory" ? d.cinemaSettings : undefined,
    };
  };

  const answer = (r: CinemaSettingsRecord, vendor: string, schema: unknown) => ({
    cinemaId: r.cinemaId,
    vendor,
    version: r.version,
    updatedAt: r.updatedAt?.toISOString() ?? null,
    updatedBy: r.updatedBy,
    settings: { vendor: r.document.vendor ?? {} },
    schemas: { vendor: schema ?? null },
  });

  app.get(
    "/cinemas/:id/settings",
    { schema: { tags: ["admin"], params, response: { 200: SettingsAnswer, ...AdminErrors } } },
    async (req) => {
      const { id } = req.params as { id: string };
      assertCinemaVisible(req.actor, id);
      const { vendor, schema } = await cinemaVendor(id);
      return answer(await store.get(id), vendor, schema);
    },
  );

  app.put(
    "/cinemas/:id/settings",
    {
      preHandler: requireRole("admin", "support"),
      config: {
        audit: {
          action: "cinema.settings",
          // No section holds a secret yet; a secret section must be left out of the audit detail.
          detail: (req) => {
            const body = req.body as typeof SettingsWrite.static;
            return { version: body.version, settings: body.settings };
          },
        },
      },
      schema: {
        tags: ["admin"],
        params,
        body: SettingsWrite,
        response: { 200: SettingsAnswer, ...AdminErrors, ...ConflictError },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as typeof SettingsWrite.static;
      const { vendor, schema } = await cinemaVendor(id);
      const values = body.settings.vendor ?? {};
      const errors = schema
        ? [...Value.Errors(schema, values)].map((e) => ({ path: `/settings/vendor${e.path}`, message: e.message }))
        : Object.keys(values).map((k) => ({
            path: `/settings/vendor/${k}`,
            message: `${vendor} has no per-cinema settings`,
          }));
      if (errors.length > 0) {
        throw new ApiError("VALIDATION_FAILED", errors.map((e) => `${e.path}: ${e.message}`).join("; "), {
          errors,
        });
      }
      // Only the vendor section is this route's: the others (payments) are kept as stored.
      const current = await store.get(id);
      const written = await store.put(
        id,
        body.version,
        { ...current.document, vendor: values },
        req.actor?.id ?? "unknown",
      );
      if (!written.ok) {
        throw new ApiError(
          "CONFLICT",
          `the settings changed since version ${body.version} was read (now version ${written.currentVersion}); reload and apply the change again`,
          { currentVersion: written.currentVersion },
        );
      }
      req.audit?.note({ newVersion: written.record.version });
      return answer(written.record, vendor, schema);
    },
  );
}
