import type { Db } from "../db/database.js";
import type { OrderSeat } from "../db/schema.js";
import type { Fen } from "../domain/money.js";
import { addDays, businessDayOf, type Clock, systemClock, toChinaIso } from "../domain/time.js";
import { type Explanation, explainShowtime, priceShowtime, ruleOrder, type ShowtimePrice } from "./evaluate.js";
import { type LabelledFacts, loadBareFacts, loadFacts, loadOneFacts } from "./facts-query.js";
import { matchScope } from "./match.js";
import { type PricingRule, type RuleInput, specificityOf } from "./rule.js";
import { RuleSet } from "./rule-set.js";
import { PricingRuleStore } from "./rule-store.js";
import type { ShowtimeFacts } from "./showtime-facts.js";

/** How far ahead preview and conflict checks look (sync keeps fewer days than this). */
export const LOOKAHEAD_DAYS = 14;
/** Most showtimes one preview or conflict check reads. */
const MAX_SHOWTIMES = 20_000;
/** Most preview rows answered (the total is still counted). */
export const MAX_PREVIEW_ROWS = 500;
/** Most colliding showtimes named per conflicting rule. */
const MAX_COLLISIONS = 20;

export interface PreviewRow {
  showtimeId: string;
  cinemaId: string;
  cinemaName: string;
  filmTitle: string;
  hallName: string;
  startsAt: string;
  channel: string;
  oldSaleFen: Fen;
  newSaleFen: Fen;
  /** The new price was held at the vendor's floor. */
  clamped: boolean;
  subsidyFen: Fen;
  /** Priced areas whose price changes, old → new. */
  areas: Array<{ areaId: string; areaName?: string; oldSaleFen: Fen; newSaleFen: Fen; clamped: boolean }>;
}

export interface Preview {
  items: PreviewRow[];
  total: number;
  clampedCount: number;
  subsidyFen: Fen;
  truncated: boolean;
}

/** One showtime whose sale price a rule change moves, as a channel's webhook reports it. */
export interface ChangedShowtime {
  id: string;
  cinemaId: string;
  startsAt: string;
  oldSaleFen: Fen;
  newSaleFen: Fen;
  /** Priced areas whose price changed, when any did. */
  areas?: Array<{ areaId: string; oldSaleFen: Fen; newSaleFen: Fen }>;
}

export interface Conflict {
  ruleId: string;
  name: string;
  showtimes: Array<{ showtimeId: string; cinemaName: string; filmTitle: string; startsAt: string; channel: string }>;
}

type Facted<T> = T & { facts: ShowtimeFacts };
type PricedItem = {
  price: { listFen: Fen; saleFen: Fen; serviceFeeFen: Fen };
  areaPrices?: Array<{ areaName: string; saleFen: Fen }>;
};

/**
 * Pricing rules at work: the store, this node's copy of the rules, and the four users of the
 * evaluator (catalogue read, order lock, preview, explain).
 */
export class PricingService {
  readonly store: PricingRuleStore;
  readonly rules: RuleSet;
  /** Priced catalogue days, per cached day array, channel and rule revision. */
  private readonly priced = new WeakMap<object, Map<string, unknown[]>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
    refreshMs = 2000,
  ) {
    this.store = new PricingRuleStore(db);
    this.rules = new RuleSet(this.store, refreshMs);
  }

  /**
   * A cached catalogue day as one channel sees it. Priced once per (day, channel, rule revision):
   * the read path stays a memory lookup, and a rule change reprices on the next read.
   */
  async priceDay<T extends PricedItem>(channel: string, day: ReadonlyArray<Facted<T>>): Promise<T[]> {
    const snap = await this.rules.current();
    const key = `${channel}|${snap.revision}`;
    let perDay = this.priced.get(day);
    const hit = perDay?.get(key);
    if (hit) return hit as T[];
    const out = day.map(({ facts, ...item }) => {
      const p = priceShowtime(snap.ordered, facts, channel);
      if (p.ruleId === undefined) return item as unknown as T;
      const areaPrices = p.areas.map((a) => ({ areaName: a.areaName ?? a.areaId, saleFen: a.saleFen }));
      return {
        ...item,
        price: { ...item.price, saleFen: p.saleFen, serviceFeeFen: p.serviceFeeFen },
        ...(areaPrices.length ? { areaPrices } : {}),
      } as unknown as T;
    });
    if (!perDay) {
      perDay = new Map();
      this.priced.set(day, perDay);
    }
    // An old revision's entry is never read again.
    for (const k of perDay.keys()) if (!k.endsWith(`|${snap.revision}`)) perDay.delete(k);
    perDay.set(key, out);
    return out;
  }

  /**
   * The order lock's prices: each seat at the channel's price now (its area's, in a priced area).
   * The declared settle price and vendor fee are left as they are: those go to the vendor.
   */
  async priceOrderSeats(channel: string, showtimeId: string, seats: OrderSeat[]): Promise<OrderSeat[]> {
    const snap = await this.rules.current();
    if (snap.ordered.length === 0) return seats;
    const facts = await loadBareFacts(this.db, showtimeId);
    if (!facts) return seats;
    const p = priceShowtime(snap.ordered, facts, channel);
    if (p.ruleId === undefined) return seats;
    return seats.map((seat) => {
      const area = seat.areaId !== undefined ? p.areas.find((a) => a.areaId === seat.areaId) : undefined;
      const price = area ?? p;
      return { ...seat, saleFen: price.saleFen, serviceFeeFen: price.serviceFeeFen };
    });
  }

  /**
   * The seat map's prices for one channel: the plain seats' and each priced area's sale price, or
   * undefined when no rule applies (the stored floor prices stand). Called when the seat map's
   * stored part is (re)read, a few seconds per channel and showtime, not per request.
   */
  async seatMapPrices(
    channel: string,
    showtimeId: string,
  ): Promise<{ saleFen: Fen; areas: ReadonlyMap<string, Fen> } | undefined> {
    const snap = await this.rules.current();
    if (snap.ordered.length === 0) return undefined;
    const facts = await loadBareFacts(this.db, showtimeId);
    if (!facts) return undefined;
    const p = priceShowtime(snap.ordered, facts, channel);
    if (p.ruleId === undefined) return undefined;
    return { saleFen: p.saleFen, areas: new Map(p.areas.map((a) => [a.areaId, a.saleFen])) };
  }

  async explain(showtimeId: string, channel: string): Promise<(Explanation & { facts: LabelledFacts }) | undefined> {
    const facts = await loadOneFacts(this.db, showtimeId);
    if (!facts) return undefined;
    return { ...explainShowtime(await this.store.all(), facts, channel), facts };
  }

  /** What saving `input` (as a new rule, or in place of `replacingId`) would change. */
  async preview(input: RuleInput, replacingId?: string, visibleCinemaIds?: string[]): Promise<Preview> {
    const current = await this.store.all();
    const candidate: PricingRule = { ...input, id: replacingId ?? "(new)", version: 0 };
    const before = ruleOrder(current);
    const after = ruleOrder([...current.filter((r) => r.id !== replacingId), candidate]);
    const replaced = current.find((r) => r.id === replacingId);
    // A new rule can only change showtimes in its own scope; an edited one also those of its old scope.
    const narrow = replaced ? undefined : input.scope;
    const facts = await this.window(narrow, visibleCinemaIds);
    const items: PreviewRow[] = [];
    let total = 0;
    let clampedCount = 0;
    let subsidyFen = 0;
    for (const s of facts) {
      for (const channel of s.channels) {
        const old = priceShowtime(before, s, channel);
        const now = priceShowtime(after, s, channel);
        const mine = now.ruleId === candidate.id;
        if (!changed(old, now) && !(mine && (now.clamped || now.areas.some((a) => a.clamped)))) continue;
        total++;
        if (mine && now.clamped) clampedCount++;
        if (mine) subsidyFen += now.subsidyFen;
        if (items.length < MAX_PREVIEW_ROWS) items.push(row(s, channel, old, now));
      }
    }
    return { items, total, clampedCount, subsidyFen, truncated: total > items.length };
  }

  /**
   * The showtimes still to start whose price changes, per channel, when the live rules go from
   * `before` to `after`: the preview's comparison, for every showtime in the window rather than a
   * page of them. `scope` narrows the read when one rule's scope bounds what can change (a new,
   * enabled, disabled or deleted rule); `channels` limits the channels priced (those listening).
   */
  async priceChanges(
    before: readonly PricingRule[],
    after: readonly PricingRule[],
    channels: ReadonlySet<string>,
    scope?: RuleInput["scope"],
  ): Promise<Map<string, ChangedShowtime[]>> {
    const out = new Map<string, ChangedShowtime[]>();
    if (channels.size === 0) return out;
    const [was, will] = [ruleOrder(before), ruleOrder(after)];
    const now = this.clock.now();
    for (const s of await this.window(scope)) {
      if (s.startsAt <= now) continue;
      for (const channel of s.channels) {
        if (!channels.has(channel)) continue;
        const old = priceShowtime(was, s, channel);
        const next = priceShowtime(will, s, channel);
        if (!changed(old, next)) continue;
        const areas = next.areas
          .map((a, i) => ({ areaId: a.areaId, oldSaleFen: old.areas[i]?.saleFen ?? a.saleFen, newSaleFen: a.saleFen }))
          .filter((a) => a.oldSaleFen !== a.newSaleFen);
        const list = out.get(channel) ?? [];
        list.push({
          id: s.showtimeId,
          cinemaId: s.cinemaId,
          startsAt: toChinaIso(s.startsAt),
          oldSaleFen: old.saleFen,
          newSaleFen: next.saleFen,
          ...(areas.length ? { areas } : {}),
        });
        out.set(channel, list);
      }
    }
    return out;
  }

  /**
   * Rules as specific and as prioritised as `rule` that match one of the same upcoming showtimes
   * for one of the same channels: which of the two would win is arbitrary, so saving is refused.
   */
  async conflicts(rule: PricingRule): Promise<Conflict[]> {
    if (!rule.enabled) return [];
    const spec = specificityOf(rule.scope);
    const rivals = (await this.store.all()).filter(
      (r) =>
        r.enabled && r.id !== rule.id && specificityOf(r.scope) === spec && (r.priority ?? 0) === (rule.priority ?? 0),
    );
    if (rivals.length === 0) return [];
    const facts = await this.window(rule.scope);
    const out: Conflict[] = [];
    for (const rival of rivals) {
      const hits: Conflict["showtimes"] = [];
      for (const s of facts) {
        for (const channel of s.channels) {
          if (matchScope(rule.scope, s, channel).matched && matchScope(rival.scope, s, channel).matched) {
            hits.push({
              showtimeId: s.showtimeId,
              cinemaName: s.cinemaName,
              filmTitle: s.filmTitle,
              startsAt: toChinaIso(s.startsAt),
              channel,
            });
            break;
          }
        }
        if (hits.length >= MAX_COLLISIONS) break;
      }
      if (hits.length) out.push({ ruleId: rival.id, name: rival.name, showtimes: hits });
    }
    return out;
  }

  private window(scope: RuleInput["scope"] | undefined, visibleCinemaIds?: string[]) {
    const today = businessDayOf(this.clock.now());
    const cinemaIds =
      visibleCinemaIds && scope?.cinemaIds?.length
        ? scope.cinemaIds.filter((c) => visibleCinemaIds.includes(c))
        : (visibleCinemaIds ?? scope?.cinemaIds);
    return loadFacts(this.db, {
      fromDay: scope?.dateFrom && scope.dateFrom > today ? scope.dateFrom : today,
      toDay: addDays(today, LOOKAHEAD_DAYS - 1),
      ...(cinemaIds ? { cinemaIds: cinemaIds.length ? cinemaIds : ["(none)"] } : {}),
      ...(scope?.cityCodes ? { cityCodes: scope.cityCodes } : {}),
      ...(scope?.vendors ? { vendors: scope.vendors } : {}),
      ...(scope?.filmIds ? { filmIds: scope.filmIds } : {}),
      limit: MAX_SHOWTIMES,
    });
  }
}

function changed(a: ShowtimePrice, b: ShowtimePrice): boolean {
  if (a.saleFen !== b.saleFen || a.serviceFeeFen !== b.serviceFeeFen) return true;
  return a.areas.some((x, i) => x.saleFen !== b.areas[i]?.saleFen);
}

function row(s: LabelledFacts, channel: string, old: ShowtimePrice, now: ShowtimePrice): PreviewRow {
  return {
    showtimeId: s.showtimeId,
    cinemaId: s.cinemaId,
    cinemaName: s.cinemaName,
    filmTitle: s.filmTitle,
    hallName: s.hallName,
    startsAt: toChinaIso(s.startsAt),
    channel,
    oldSaleFen: old.saleFen,
    newSaleFen: now.saleFen,
    clamped: now.clamped,
    subsidyFen: now.subsidyFen,
    areas: now.areas.map((a, i) => ({
      areaId: a.areaId,
      ...(a.areaName !== undefined ? { areaName: a.areaName } : {}),
      oldSaleFen: old.areas[i]?.saleFen ?? a.saleFen,
      newSaleFen: a.saleFen,
      clamped: a.clamped,
    })),
  };
}

const services = new WeakMap<Db, PricingService>();

/**
 * The node's pricing service for a database. The catalogue routes and the order lock must price
 * from the same copy of the rules (a change on this node reaches both at once), and they are built
 * in different places; one instance per database keeps that true without threading a new
 * dependency through every constructor they share with other work.
 */
export function pricingFor(db: Db, clock?: Clock): PricingService {
  let s = services.get(db);
  if (!s) {
    s = new PricingService(db, clock);
    services.set(db, s);
  }
  return s;
}
