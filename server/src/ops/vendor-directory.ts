import { vendors } from "../vendors/all.js";
import type { Bilingual, ContactLine, VendorDocument } from "../vendors/descriptor.js";
import { HANDBOOK } from "../vendors/directory.js";
import type { VendorHealth } from "./vendor-health.js";

/**
 * The console's vendor directory (doc 000 §二.2 系统商文档, §二.6 联系方式): every vendor system the
 * handbook names, its status in Cinegate, its contact line, its quirks (the descriptors' support
 * notes), its documents and its accounts' live health. Everything comes from the descriptors, so the
 * directory keeps no list of its own.
 */
export interface VendorDirectoryEntry {
  id: string;
  names: Bilingual;
  kind: "seats" | "vouchers" | "directory";
  /** connected: Cinegate calls it; directory: listed only (no usable public protocol). */
  status: "connected" | "directory";
  statusText: Bilingual;
  contact: ContactLine;
  quirks: {
    internalCodeIsNational: boolean;
    showtimeDateOffsetDays: number;
    noShowtimesFix?: Bilingual;
    notOnSaleFix?: Bilingual;
  };
  documents: Array<VendorDocument & { url: string }>;
  accounts: number;
  cinemas: number;
  /** Per account, from the call recorder (the same figures as the home page); empty when nothing was called. */
  health: VendorHealth[];
}

const CONNECTED: Bilingual = { zh: "已接入", en: "Connected" };

export const docUrl = (file: string) => `/admin/vendor-docs/${encodeURIComponent(file)}`;

/** A descriptor that declares no `documents`: the files its `document` text names, and the handbook. */
export function documentsNamedIn(text: string): VendorDocument[] {
  const out: VendorDocument[] = [];
  for (const m of text.matchAll(/([\w.-]+\.(?:txt|md))(?:\s+(§[\d.]+))?/g)) {
    out.push({ file: m[1] as string, ...(m[2] ? { section: m[2] } : {}) });
  }
  if (!out.some((d) => d.file === HANDBOOK)) out.push({ file: HANDBOOK });
  return out;
}

export function vendorDirectory(input: {
  health: VendorHealth[];
  accounts: ReadonlyMap<string, number>;
  cinemas: ReadonlyMap<string, number>;
}): VendorDirectoryEntry[] {
  return vendors.map((v) => {
    const docs = v.documents ?? documentsNamedIn(v.document);
    const { noShowtimesFix, notOnSaleFix } = v.support;
    return {
      id: v.id,
      names: v.names,
      kind: v.kind,
      status: v.kind === "directory" ? "directory" : "connected",
      statusText: v.kind === "directory" ? v.status : CONNECTED,
      contact: v.contact ?? {},
      quirks: {
        internalCodeIsNational: v.support.internalCodeIsNational,
        showtimeDateOffsetDays: v.support.showtimeDateOffsetDays,
        ...(noShowtimesFix ? { noShowtimesFix } : {}),
        ...(notOnSaleFix ? { notOnSaleFix } : {}),
      },
      documents: docs.map((d) => ({ ...d, url: docUrl(d.file) })),
      accounts: input.accounts.get(v.id) ?? 0,
      cinemas: input.cinemas.get(v.id) ?? 0,
      health: input.health.filter((h) => h.vendor === v.id),
    };
  });
}
