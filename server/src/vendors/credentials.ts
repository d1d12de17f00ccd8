import { FormatRegistry, type TObject } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

// `format: password` marks a secret for the console's form (OpenAPI); as a value it is any string,
// as ajv-formats reads it on the Admin API. TypeBox's checker knows no formats until told.
if (!FormatRegistry.Has("password")) FormatRegistry.Set("password", () => true);

/** A credential that is missing or malformed, named the way the Admin API names body fields. */
export interface CredentialProblem {
  path: string;
  message: string;
}

/**
 * Checks stored or submitted credentials against the vendor's one schema. A missing credential is
 * a problem naming the field — never an empty string quietly passed to the vendor.
 */
export function credentialProblems(schema: TObject, credentials: unknown): CredentialProblem[] {
  return [...Value.Errors(schema, credentials)].map((e) => ({
    path: `/credentials${e.path}`,
    message: e.message,
  }));
}
