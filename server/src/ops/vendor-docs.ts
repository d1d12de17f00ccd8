import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The vendor documents (shared/vendor-docs, beside the repository), served read-only to staff by
 * GET /admin/vendor-docs/:file. Only a file the directory lists by that exact name is served: the
 * name is never joined into a path before it has matched a listed entry, so `..`, slashes, encoded
 * separators and symlinked sub-paths cannot reach anything else.
 */
export const DEFAULT_VENDOR_DOCS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../shared/vendor-docs",
);

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,120}$/;

export interface VendorDoc {
  file: string;
  contentType: string;
  text: string;
}

export class VendorDocs {
  constructor(private readonly dir: string = DEFAULT_VENDOR_DOCS_DIR) {}

  /** The plain files of the directory (no sub-directories, no dot-files). */
  async list(): Promise<string[]> {
    try {
      const entries = await readdir(this.dir, { withFileTypes: true });
      return entries
        .filter((e) => e.isFile() && SAFE_NAME.test(e.name))
        .map((e) => e.name)
        .sort();
    } catch {
      return [];
    }
  }

  /** The document, or undefined when the directory lists no file of that exact name. */
  async read(file: string): Promise<VendorDoc | undefined> {
    if (!SAFE_NAME.test(file)) return undefined;
    const listed = (await this.list()).find((f) => f === file);
    if (!listed) return undefined;
    const text = await readFile(path.join(this.dir, listed), "utf8");
    const contentType = listed.endsWith(".md") ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8";
    return { file: listed, contentType, text };
  }
}
