import { parseChinaLocal } from "./wire.js";

/**
 * The slice of OData v3 query options the document uses: `$filter` (eq ne gt ge lt le, and, or,
 * not, parentheses; string, datetime'…', number, true/false/null literals), `$select` (with
 * navigation paths such as `Sessions/Attributes/Description`), `$expand`, plus `$top`/`$skip`.
 */

type Literal = { kind: "lit"; value: string | number | boolean | null } | { kind: "datetime"; ms: number };
type Node =
  | Literal
  | { kind: "path"; path: string[] }
  | { kind: "cmp"; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; left: Node; right: Node }
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; inner: Node };

export class ODataQueryError extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push(ch);
      i++;
    } else {
      // identifier, number or prefixed string literal (datetime'…'); quotes may contain spaces.
      let j = i;
      let tok = "";
      while (j < text.length && !/[\s()]/.test(text[j]!)) {
        if (text[j] === "'") {
          let k = j + 1;
          let lit = "'";
          for (;;) {
            if (k >= text.length) throw new ODataQueryError("Unterminated string literal in $filter");
            if (text[k] === "'") {
              if (text[k + 1] === "'") {
                lit += "''";
                k += 2;
                continue;
              }
              break;
            }
            lit += text[k];
            k++;
          }
          tok += `${lit}'`;
          j = k + 1;
        } else {
          tok += text[j];
          j++;
        }
      }
      tokens.push(tok);
      i = j;
    }
  }
  return tokens;
}

const CMP_OPS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

export function parseFilter(text: string): Node {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (t === undefined) throw new ODataQueryError("Unexpected end of $filter");
    return t;
  };
  const parseOr = (): Node => {
    let left = parseAnd();
    while (peek() === "or") {
      pos++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseNot();
    while (peek() === "and") {
      pos++;
      left = { kind: "and", left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): Node => {
    if (peek() === "not") {
      pos++;
      return { kind: "not", inner: parseNot() };
    }
    return parseCmp();
  };
  const parseCmp = (): Node => {
    const left = parsePrimary();
    const op = peek();
    if (op !== undefined && CMP_OPS.has(op)) {
      pos++;
      return { kind: "cmp", op: op as "eq", left, right: parsePrimary() };
    }
    return left;
  };
  const parsePrimary = (): Node => {
    const t = next();
    if (t === "(") {
      const inner = parseOr();
      if (next() !== ")") throw new ODataQueryError("Expected ) in $filter");
      return inner;
    }
    const str = /^'(.*)'$/s.exec(t);
    if (str) return { kind: "lit", value: str[1]!.replaceAll("''", "'") };
    const dt = /^datetime'(.*)'$/s.exec(t);
    if (dt) {
      const ms = parseChinaLocal(dt[1]!);
      if (ms === undefined) throw new ODataQueryError(`Invalid datetime literal ${t}`);
      return { kind: "datetime", ms };
    }
    if (t === "true" || t === "false") return { kind: "lit", value: t === "true" };
    if (t === "null") return { kind: "lit", value: null };
    if (/^-?\d+(\.\d+)?[LMmDdFf]?$/.test(t)) return { kind: "lit", value: Number.parseFloat(t) };
    if (/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(t)) return { kind: "path", path: t.split("/") };
    throw new ODataQueryError(`Syntax error at '${t}' in $filter`);
  };
  const tree = parseOr();
  if (pos !== tokens.length) throw new ODataQueryError(`Syntax error at '${tokens[pos]}' in $filter`);
  return tree;
}

type Value = string | number | boolean | null | undefined | { ms: number };

function evalValue(node: Node, row: Record<string, unknown>): Value {
  switch (node.kind) {
    case "lit":
      return node.value;
    case "datetime":
      return { ms: node.ms };
    case "path": {
      let cur: unknown = row;
      for (const p of node.path) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
      if (cur === undefined) throw new ODataQueryError(`Could not find a property named '${node.path.join("/")}'`);
      return cur as Value;
    }
    default:
      return evalFilter(node, row);
  }
}

function compare(a: Value, b: Value): number | undefined {
  const asMs = (v: Value) =>
    v && typeof v === "object" ? v.ms : typeof v === "string" ? parseChinaLocal(v) : undefined;
  if ((a && typeof a === "object") || (b && typeof b === "object")) {
    const x = asMs(a);
    const y = asMs(b);
    if (x === undefined || y === undefined) return undefined;
    return x - y;
  }
  if (a === null || b === null || a === undefined || b === undefined) return a === b ? 0 : undefined;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function evalFilter(node: Node, row: Record<string, unknown>): boolean {
  switch (node.kind) {
    case "and":
      return evalFilter(node.left, row) && evalFilter(node.right, row);
    case "or":
      return evalFilter(node.left, row) || evalFilter(node.right, row);
    case "not":
      return !evalFilter(node.inner, row);
    case "cmp": {
      const c = compare(evalValue(node.left, row), evalValue(node.right, row));
      if (node.op === "eq") return c === 0;
      if (node.op === "ne") return c !== 0;
      if (c === undefined) return false;
      return node.op === "gt" ? c > 0 : node.op === "ge" ? c >= 0 : node.op === "lt" ? c < 0 : c <= 0;
    }
    default:
      return evalValue(node, row) === true;
  }
}

/** A property tree: `true` = the whole property, an object = selected sub-properties. */
export type SelectTree = { [name: string]: SelectTree | true };

export function parsePaths(text: string | undefined): SelectTree | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const tree: SelectTree = {};
  for (const raw of text.split(",")) {
    const parts = raw.trim().split("/").filter(Boolean);
    let cur = tree;
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      const existing = cur[p];
      if (last) {
        if (existing === undefined) cur[p] = true;
      } else {
        if (existing === undefined || existing === true) {
          // "Sessions" alone already selected the whole navigation property; keep that.
          if (existing === true) return;
          cur[p] = {};
        }
        cur = cur[p] as SelectTree;
      }
    });
  }
  return tree;
}

/** Navigation properties of each entity type and the type they point to. */
export type NavModel = { [entity: string]: { [prop: string]: string } };

/**
 * Shapes one entity: drops navigation properties not named in $expand, then applies $select.
 * `expand` true means "everything below is expanded" (not used by OData; internal).
 */
export function shapeEntity(
  row: Record<string, unknown>,
  entityType: string,
  model: NavModel,
  expand: SelectTree | undefined,
  select: SelectTree | true | undefined,
): Record<string, unknown> {
  const navs = model[entityType] ?? {};
  const out: Record<string, unknown> = {};
  const selected = select === undefined || select === true || "*" in select ? undefined : select;
  for (const [key, value] of Object.entries(row)) {
    const navTarget = navs[key];
    if (navTarget !== undefined) {
      const exp = expand?.[key];
      if (exp === undefined) continue;
      if (selected && !(key in selected)) continue;
      const subSelect = selected ? selected[key] : undefined;
      const subExpand = exp === true ? undefined : exp;
      out[key] = Array.isArray(value)
        ? value.map((v) => shapeEntity(v as Record<string, unknown>, navTarget, model, subExpand, subSelect))
        : value && typeof value === "object"
          ? shapeEntity(value as Record<string, unknown>, navTarget, model, subExpand, subSelect)
          : value;
      continue;
    }
    if (selected && !(key in selected)) continue;
    out[key] = value;
  }
  return out;
}

/** Every path in $select must name a property (or an expanded navigation property's property). */
export function checkSelect(select: SelectTree, sample: Record<string, unknown>, entity: string, model: NavModel) {
  for (const [key, sub] of Object.entries(select)) {
    if (key === "*") continue;
    if (!(key in sample)) throw new ODataQueryError(`Could not find a property named '${key}' on type '${entity}'`);
    const nav = model[entity]?.[key];
    if (sub !== true && nav === undefined) {
      throw new ODataQueryError(`Property '${key}' on type '${entity}' is not a navigation property`);
    }
  }
}
