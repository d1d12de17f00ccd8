/**
 * Compile-time proof that a response schema's static type and the type its handler returns are the
 * same shape, field for field and in both directions: a field added to the handler's result and
 * not to the schema would be dropped silently by Fastify's serialiser, so it must not compile.
 * `Normal` flattens interfaces and intersections so only the shape is compared, not how it was written.
 */
type Normal<T> = T extends readonly (infer U)[]
  ? Normal<U>[]
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { [K in keyof T]: Normal<T[K]> }
      : T;

export type SameShape<A, B> =
  (<T>() => T extends Normal<A> ? 1 : 2) extends <T>() => T extends Normal<B> ? 1 : 2 ? true : false;

/** `sameShape<Static<typeof Schema>, Returned>(true)` compiles only when the two shapes agree. */
export function sameShape<A, B>(_proof: SameShape<A, B>): void {}
