import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's chromium (installed by .ci/run); CHROMIUM_PATH overrides. No browser is downloaded. */
const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
export const chromiumPath = CANDIDATES.find((p): p is string => !!p && existsSync(p));

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser with a fresh profile (its own --user-data-dir), removed again by `close`. */
export async function launchBrowser(
  device: { viewport?: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!chromiumPath) throw new Error("chromium not found");
  const profile = await mkdtemp(path.join(tmpdir(), "cinegate-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 760 },
    locale: "zh-CN",
    ...device,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
