import { createHash, createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { canonical, type El, opId } from "./standard.js";

/**
 * The query's credentials and signature (public-refs §6.1, national standard 2013).
 *
 * - `Password` is md5(password) as 32 lowercase hex characters; the plain password never travels.
 * - An enveloped XML-DSig `ds:Signature` over the operation element (Reference `#ID_{Op}`):
 *   C14N with comments, SHA-1 digest, RSA-SHA1 signature. The one public client signs with an RSA
 *   key it generates afresh each run, so the server evidently does not verify it (inferred); we do
 *   the same with a key per connector and send the public key in KeyInfo so that a server that
 *   does check the signature against the message can.
 */
export const passwordMd5 = (password: string): string => createHash("md5").update(password, "utf8").digest("hex");

export const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
const C14N_WITH_COMMENTS = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
const RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";

/** DigestValue: base64 SHA-1 of the canonical operation element (our documents carry no comments). */
export const digestOf = (op: El): string => createHash("sha1").update(canonical(op), "utf8").digest("base64");

/**
 * The SignedInfo element. Canonicalised as a document subset it carries the ds namespace
 * declaration in scope, which is why it is declared on SignedInfo itself when signing.
 */
export function signedInfo(op: El): El {
  const ds = (name: string, attrs?: Record<string, string>, children?: El[]): El => ({
    name: `ds:${name}`,
    ...(attrs ? { attrs } : {}),
    ...(children ? { children } : {}),
  });
  return ds("SignedInfo", { "xmlns:ds": DSIG_NS }, [
    ds("CanonicalizationMethod", { Algorithm: C14N_WITH_COMMENTS }),
    ds("SignatureMethod", { Algorithm: RSA_SHA1 }),
    ds("Reference", { URI: `#${opId(op.name)}` }, [
      ds("Transforms", undefined, [ds("Transform", { Algorithm: ENVELOPED })]),
      ds("DigestMethod", { Algorithm: SHA1 }),
      { name: "ds:DigestValue", children: [digestOf(op)] },
    ]),
  ]);
}

export interface SigningKey {
  privateKey: KeyObject;
  /** Base64 modulus and exponent for RSAKeyValue. */
  modulus: string;
  exponent: string;
}

/** A fresh RSA key, as the public client does each run (1024 bits: what RSA-SHA1 era clients use). */
export function freshSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const jwk = publicKey.export({ format: "jwk" }) as { n: string; e: string };
  const b64 = (u: string) => Buffer.from(u, "base64url").toString("base64");
  return { privateKey, modulus: b64(jwk.n), exponent: b64(jwk.e) };
}

/** The `ds:Signature` text to envelope in the query root. */
export function signatureXml(op: El, key: SigningKey): string {
  const info = signedInfo(op);
  const value = createSign("RSA-SHA1").update(canonical(info), "utf8").sign(key.privateKey, "base64");
  // Inside ds:Signature the declaration is inherited, so SignedInfo does not repeat it.
  const infoInDoc = canonical({ ...info, attrs: {} });
  return (
    `<ds:Signature xmlns:ds="${DSIG_NS}">${infoInDoc}<ds:SignatureValue>${value}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>${key.modulus}</ds:Modulus>` +
    `<ds:Exponent>${key.exponent}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo></ds:Signature>`
  );
}
