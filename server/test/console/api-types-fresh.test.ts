import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_TYPE_FILES, GEN_TYPES_COMMAND, ROOT, renderApiTypes } from "../../../scripts/api-types.js";

/**
 * The console's API types (web/src/api/*.gen.ts) are generated from the server's route schemas.
 * A route schema changed without regenerating leaves the console compiling against old shapes:
 * this fails and names the command that brings the committed files up to date.
 */
describe("generated API types", () => {
  it("are what the server's OpenAPI document generates now", async () => {
    const rendered = await renderApiTypes();
    expect(rendered.map((r) => r.file)).toEqual(API_TYPE_FILES.map((f) => f.file));
    for (const { file, text } of rendered) {
      const target = path.join(ROOT, file);
      const committed = existsSync(target) ? readFileSync(target, "utf8") : "";
      expect(committed === text, `${file} is stale: run \`${GEN_TYPES_COMMAND}\` and commit the result`).toBe(true);
    }
  }, 60_000);

  it("cover every admin path of the document", async () => {
    const admin = readFileSync(path.join(ROOT, "web/src/api/admin.gen.ts"), "utf8");
    for (const p of ["/admin/home", "/admin/orders/{id}", "/admin/cinemas/{id}/settings", "/admin/login"])
      expect(admin).toContain(`"${p}"`);
  });
});
