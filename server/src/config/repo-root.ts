import path from "node:path";

/**
 * The repository (or image) root. This file is server/src/config/repo-root.ts under tsx and
 * dist/server/src/config/repo-root.js when compiled, one level deeper; files found by path at run
 * time (the console's web/dist) are resolved from here so both ways find them.
 */
export const REPO_ROOT = path.resolve(
  import.meta.dirname,
  import.meta.url.endsWith(".ts") ? "../../.." : "../../../..",
);
