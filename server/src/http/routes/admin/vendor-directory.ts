import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { vendorDirectory } from "../../../ops/vendor-directory.js";
import { VendorDocs } from "../../../ops/vendor-docs.js";
import { vendorHealth } from "../../../ops/vendor-health.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors } from "./responses/common.js";
import { VendorDirectoryList, VendorDocText } from "./responses/vendor-directory.js";

/**
 * The vendor directory and the vendor documents, for Cinegate's own staff (admin, support): the
 * handbook and the protocol notes are internal support material, not for cinema operators.
 */
export async function adminVendorDirectoryRoutes(
  app: FastifyInstance,
  deps: AdminRouteDeps & { vendorDocs?: VendorDocs },
): Promise<void> {
  const docs = deps.vendorDocs ?? new VendorDocs();
  app.addHook("preHandler", requireRole("admin", "support"));

  app.get(
    "/vendor-directory",
    { schema: { tags: ["admin"], response: { 200: VendorDirectoryList, ...AdminErrors } } },
    async () => {
      const count = async (table: "cinemas" | "vendor_accounts") => {
        const rows = await deps.db
          .selectFrom(table)
          .select(["vendor", (eb) => eb.fn.countAll<string>().as("n")])
          .groupBy("vendor")
          .execute();
        return new Map(rows.map((r) => [r.vendor, Number(r.n)]));
      };
      return {
        items: vendorDirectory({
          health: vendorHealth(deps.catalog.calls, deps.catalog.clock.now()),
          accounts: await count("vendor_accounts"),
          cinemas: await count("cinemas"),
        }),
      };
    },
  );

  app.get(
    "/vendor-docs/:file",
    {
      schema: {
        tags: ["admin"],
        params: Type.Object({ file: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: VendorDocText, ...AdminErrors },
      },
    },
    async (req, reply) => {
      const { file } = req.params as { file: string };
      const doc = await docs.read(file);
      if (!doc) throw new ApiError("NOT_FOUND", `no vendor document named ${JSON.stringify(file)}`);
      return reply.type(doc.contentType).header("x-content-type-options", "nosniff").send(doc.text);
    },
  );
}
