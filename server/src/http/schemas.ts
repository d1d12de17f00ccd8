import { type TSchema, Type } from "@sinclair/typebox";

/** Shared pieces of the public API's schemas (lists, paging). */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  });
}

export const ErrorResponses = {
  400: Type.Ref("Problem"),
  401: Type.Ref("Problem"),
  404: Type.Ref("Problem"),
};
