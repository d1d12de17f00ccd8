import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api";

/** A text in both console languages, as the server's vendor descriptors write it. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface CredentialField {
  name: string;
  label?: Bilingual;
  secret: boolean;
  optional: boolean;
  /** A closed list (a union of literals or an enum in the schema): the form offers a drop-down. */
  options?: Array<{ value: string; label?: Bilingual }>;
}

export interface VendorForm {
  vendor: string;
  names?: Bilingual;
  /** "seats", "vouchers" or "directory": seat vendors and directory-only vendors have cinemas to onboard. */
  kind?: string;
  /** A directory-only vendor's status ("未接入：无公开接口文档"): no address, no credentials, no sync. */
  status?: Bilingual;
  fields: CredentialField[];
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  const?: string;
  enum?: string[];
  format?: string;
  title?: string;
  "x-label"?: Bilingual;
  "x-names"?: Bilingual;
  "x-kind"?: string;
  "x-status"?: Bilingual;
}

type OpenApi = {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
};

/**
 * The vendors and their credential fields, read from the create-account body schema of the
 * OpenAPI document — the server's one list of vendor descriptors — so this page keeps no list of its own.
 */
export function vendorFormsOf(doc: OpenApi): VendorForm[] {
  const body = doc.paths?.["/admin/vendor-accounts"]?.post?.requestBody?.content?.["application/json"]?.schema;
  return (body?.anyOf ?? []).flatMap((branch) => {
    const vendorSchema = branch.properties?.vendor;
    const vendor = vendorSchema?.const ?? vendorSchema?.enum?.[0];
    const creds = branch.properties?.credentials;
    if (!vendor || !creds) return [];
    const required = new Set(creds.required ?? []);
    const fields = Object.entries(creds.properties ?? {}).map(([name, f]) => {
      const options = optionsOf(f);
      return {
        name,
        label: f["x-label"],
        secret: f.format === "password",
        optional: !required.has(name),
        ...(options ? { options } : {}),
      };
    });
    const status = branch["x-status"];
    return [{ vendor, names: branch["x-names"], kind: branch["x-kind"], ...(status ? { status } : {}), fields }];
  });
}

/** The values of a closed list: `anyOf` of constants (each may carry its `x-label`) or an `enum`. */
function optionsOf(f: JsonSchema): CredentialField["options"] {
  const consts = f.anyOf?.filter((a) => typeof a.const === "string" || a.enum?.length === 1);
  if (consts?.length && consts.length === f.anyOf?.length) {
    return consts.map((a) => ({ value: (a.const ?? a.enum?.[0])!, ...(a["x-label"] ? { label: a["x-label"] } : {}) }));
  }
  return f.enum?.length ? f.enum.map((value) => ({ value })) : undefined;
}

export function useVendorForms() {
  return useQuery({
    queryKey: ["vendor-forms"],
    queryFn: async () => vendorFormsOf(await apiGet<OpenApi>("/v1/openapi.json")),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
