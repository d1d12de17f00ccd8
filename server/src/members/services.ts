import type { CatalogServices } from "../catalog/services.js";
import type { Db } from "../db/database.js";
import { IdempotencyStore } from "../orders/idempotency.js";
import { BenefitCardService } from "./benefit-card-service.js";
import { MemberCardService } from "./member-card-service.js";

/** The channel API's card services, on the orders' Idempotency-Key store (same table, own scopes). */
export function createMemberCardServices(db: Db, catalog: Pick<CatalogServices, "registry" | "clock">) {
  const deps = { db, registry: catalog.registry, clock: catalog.clock, idempotency: new IdempotencyStore(db) };
  return { cards: new MemberCardService(deps), benefitCards: new BenefitCardService(deps) };
}
