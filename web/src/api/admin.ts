import type { components, paths } from "./admin.gen";

/**
 * The admin API's shapes for the console, read from the types generated from the server's route
 * schemas (admin.gen.ts, `npm run gen:types`). Pages name what they read with these aliases
 * instead of copying the server's shapes by hand.
 */
type JsonOf<R> = R extends { content: { "application/json": infer Body } } ? Body : never;

type Method = "get" | "post" | "put";

/** The JSON body a route answers with `status` (200 unless given). */
export type AdminResponse<
  P extends keyof paths,
  M extends Method & keyof paths[P],
  S extends number = 200,
> = paths[P][M] extends { responses: infer R } ? (S extends keyof R ? JsonOf<R[S]> : never) : never;

/** The JSON body a route accepts. */
export type AdminRequest<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonOf<NonNullable<B>>
  : never;

/** The problem+json body every error answer carries. */
export type Problem = components["schemas"]["Problem"];
