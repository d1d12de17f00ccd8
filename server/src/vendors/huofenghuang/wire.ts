import { XMLParser } from "fast-xml-parser";
import { UnreadableAnswer, type Wire } from "../wire/read.js";
import { parseXmlWith } from "../wire/xml-document.js";

/**
 * Reading 火凤凰 asmx answers (public-refs §5.1). The HTTP body is an ASP.NET string wrapper
 * (`<string xmlns="…">…</string>`) whose text is itself an XML document — often declared GB2312,
 * which no longer matters once the outer body is text. The inner root is usually
 * `<data result="0" message="…">`; some calls answer with their own element (`<ticketPrint>`) or put
 * it inside `<data>` (`<seatLock><result>`, `<bookingCancel result=…>`). Attributes are read as
 * `@name`; every value stays text.
 */
export type Node = { readonly [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
});

export const isHtml = (text: string): boolean =>
  /^\s*(<!doctype html|<html)/i.test(text) || (/<html[\s>]/i.test(text) && !/<string[\s>]/.test(text));

const parseXml = (text: string, what: string): Wire => parseXmlWith(parser, text, what);

export interface Reply {
  /** The inner document's root element name (`data`, `ticketPrint` …) and content. */
  root: string;
  body: Node;
  /** `result` attribute or element of the root or of its one inner element; undefined if none. */
  result: string | undefined;
  message: string;
}

/** The inner document, from the wrapper (or as is, when a server answers the document directly). */
export function innerDocument(body: string): string {
  const text = body.replace(/^\uFEFF/, "").trim();
  if (text === "") throw new UnreadableAnswer("empty answer");
  if (isHtml(text)) throw new UnreadableAnswer("an HTML page instead of XML");
  if (!text.startsWith("<")) throw new UnreadableAnswer("not XML");
  const outer = parseXml(text, "answer");
  if (!("string" in outer)) return text;
  const s = outer.string;
  const inner = typeof s === "string" ? s : str(obj(s), "#text");
  if (!inner) throw new UnreadableAnswer("the asmx string wrapper is empty");
  return inner.trim();
}

export function parseReply(body: string): Reply {
  const inner = innerDocument(body);
  if (!inner.startsWith("<")) throw new UnreadableAnswer("the wrapped answer is not XML");
  const doc = parseXml(inner, "wrapped answer");
  const roots = Object.keys(doc);
  if (roots.length !== 1) throw new UnreadableAnswer("the wrapped answer has no single root element");
  const root = roots[0]!;
  const content = doc[root];
  const node: Node = obj(content) ?? {};
  // The result sits on the root, or on the one element the root wraps (`<data><seatLock>`).
  const places = [
    node,
    ...Object.entries(node)
      .filter(([k]) => !k.startsWith("@"))
      .map(([, v]) => obj(v)),
  ];
  let result: string | undefined;
  let message = "";
  for (const p of places) {
    if (!p) continue;
    result ??= str(p, "@result") ?? str(p, "result");
    message ||= str(p, "@message") ?? str(p, "message") ?? texts(obj(p.messages), "message").join("；");
  }
  return { root, body: node, result, message };
}

export function obj(value: unknown): Node | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === "object" ? (v as Node) : undefined;
}

/** `a/b/c` repeated or single: always a list of elements. */
export function list(node: Node | undefined, ...path: string[]): Node[] {
  let cur: unknown = node;
  for (const [i, name] of path.entries()) {
    const o = obj(cur);
    if (!o) return [];
    cur = o[name];
    if (i === path.length - 1) {
      const all = Array.isArray(cur) ? cur : cur === undefined || cur === "" ? [] : [cur];
      return all.filter((x): x is Node => !!x && typeof x === "object");
    }
  }
  return [];
}

/** One element down a path (first of a repeated one). */
export function child(node: Node | undefined, ...path: string[]): Node | undefined {
  let cur: Node | undefined = node;
  for (const name of path) cur = obj(cur?.[name]);
  return cur;
}

/** Trimmed text of an attribute (`@x`) or element; undefined for absent or empty. */
export function str(node: Node | undefined, name: string): string | undefined {
  const v = node?.[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object") return Array.isArray(v) ? undefined : str(v as Node, "#text");
  const s = String(v).trim();
  return s === "" ? undefined : s;
}

function texts(node: Node | undefined, name: string): string[] {
  const v = node?.[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all
    .map((x) => (typeof x === "object" ? str(x as Node, "#text") : String(x).trim()))
    .filter((x): x is string => !!x);
}
