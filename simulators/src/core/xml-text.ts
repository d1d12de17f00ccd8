/**
 * XML text escaping for the SOAP and asmx simulators, which carry a whole XML document as the text
 * of one element (辰星's <return>, 火烈鸟's <m:msg>, 火凤凰's <string>): `&`, `<` and `>` only, as
 * those vendors' own answers escape them.
 */
export const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The inverse, for reading such an element's text back (tests, and a `&quot;` some answers carry). */
export const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
