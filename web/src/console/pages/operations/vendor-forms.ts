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
}

export interface VendorForm {
  vendor: string;
  names?: Bilingual;
  /** "seats" or "vouchers": only seat vendors have cinemas to onboard. */
  kind?: string;
  fields: CredentialField[];
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  const?: string;
  enum?: string[];
  format?: string;
  "x-label"?: Bilingual;
  "x-names"?: Bilingual;
  "x-kind"?: string;
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
    const fields = Object.entries(creds.properties ?? {}).map(([name, f]) => ({
      name,
      label: f["x-label"],
      secret: f.format === "password",
      optional: !required.has(name),
    }));
    return [{ vendor, names: branch["x-names"], kind: branch["x-kind"], fields }];
  });
}

export function useVendorForms() {
  return useQuery({
    queryKey: ["vendor-forms"],
    queryFn: async () => vendorFormsOf(await apiGet<OpenApi>("/v1/openapi.json")),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
