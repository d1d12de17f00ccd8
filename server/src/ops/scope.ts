import { DomainError } from "../domain/domain-error.js";
import type { Actor } from "../http/plugins/admin-auth.js";

/**
 * Which cinemas a console actor may see. Cinema operators are scoped to their listed cinemas;
 * everyone else sees all (undefined). A cinema outside the scope answers 404, exactly like a
 * missing one, so an operator cannot even learn which cinema ids exist.
 */
export function visibleCinemaIds(actor: Actor | undefined): string[] | undefined {
  return actor?.role === "cinema_operator" ? (actor.cinemaIds ?? []) : undefined;
}

export function canSeeCinema(actor: Actor | undefined, cinemaId: string): boolean {
  const ids = visibleCinemaIds(actor);
  return ids === undefined || ids.includes(cinemaId);
}

export function assertCinemaVisible(actor: Actor | undefined, cinemaId: string): void {
  if (!canSeeCinema(actor, cinemaId)) throw new DomainError("NOT_FOUND", `cinema ${cinemaId} not found`);
}
