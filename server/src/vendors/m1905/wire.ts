import { XMLParser } from "fast-xml-parser";
import iconv from "iconv-lite";

/**
 * Reading 1905's XML answers. Every value is kept as text (codes like "0", seat numbers like
 * "1001" and prices like "35.0" must not become numbers), and lists are read through `items`,
 * since XML cannot tell a one-element list from a single child.
 */
export type Node = { readonly [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

/** The document's root element name and content; undefined when the text is not an XML document. */
export function parseReply(text: string): { root: string; body: Node } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("<") || /^<!doctype html|^<html/i.test(trimmed)) return undefined;
  let doc: unknown;
  try {
    doc = parser.parse(trimmed, true);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== "object") return undefined;
  const roots = Object.entries(doc as Record<string, unknown>);
  if (roots.length !== 1) return undefined;
  const [root, body] = roots[0]!;
  if (body === "" || body === null) return { root, body: {} };
  return body && typeof body === "object" && !Array.isArray(body) ? { root, body: body as Node } : undefined;
}

/** True when the page is an HTML error page rather than a reply (gateways, web servers). */
export const isHtml = (text: string): boolean => /^\s*(<!doctype html|<html)/i.test(text);

/**
 * The answer as text. The refs sign and send UTF-8; a cinema-side server that answers GBK or
 * GB2312 (declared in the content type or the XML declaration) is decoded with iconv-lite.
 */
export function decodeBody(body: string, bytes: Buffer | undefined, contentType: string | undefined): string {
  if (!bytes) return body;
  const head = bytes.subarray(0, 200).toString("latin1");
  const declared =
    /charset=\s*"?([\w-]+)/i.exec(contentType ?? "")?.[1] ?? /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1];
  const enc = declared?.toLowerCase();
  if (enc && /^(gbk|gb2312|gb18030|cp936)$/.test(enc)) return iconv.decode(bytes, enc === "gb2312" ? "gbk" : enc);
  return body;
}

export function obj(node: Node | undefined, name: string): Node | undefined {
  const v = node?.[name];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Node) : undefined;
}

/** `Parent/Child[]`: the children named `child` of `parent`, whether one or many. */
export function items(node: Node | undefined, parent: string, child: string): Node[] {
  const p = obj(node, parent);
  const v = p?.[child];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is Node => !!x && typeof x === "object");
}

/** Text values of `Parent/Child[]` (lists of plain values such as Cards/CardNo). */
export function texts(node: Node | undefined, parent: string, child: string): string[] {
  const v = obj(node, parent)?.[child];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x) => typeof x === "string" || typeof x === "number").map(String);
}

/** Trimmed text; undefined for absent or empty. */
export function str(node: Node | undefined, name: string): string | undefined {
  const v = node?.[name];
  if (v === undefined || v === null || typeof v === "object") return undefined;
  const s = String(v).trim();
  return s === "" ? undefined : s;
}

export function int(node: Node | undefined, name: string): number | undefined {
  const s = str(node, name);
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}
