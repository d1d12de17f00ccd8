import type { CatalogServices } from "../catalog/services.js";
import type { VendorShowtime } from "../domain/catalog.js";
import type { Result } from "../domain/errors.js";
import { addDays, businessDayOf, toChinaIso } from "../domain/time.js";
import type { CinemaRef } from "../domain/trade.js";
import { vendorOf } from "../vendors/all.js";
import type { CinemaConnector } from "../vendors/connector.js";
import type { DirectoryVendorDescriptor } from "../vendors/descriptor.js";
import { fixFor, T, TEXT, type Text } from "./diagnosis-texts.js";
import { healthOf } from "./sync-health.js";

/** The checks, in the order support staff would do them by hand (doc 000 §四.2). */
export const DIAGNOSIS_CHECKS = [
  "credentials",
  "cinema",
  "cinemaList",
  "showtimes",
  "saleAndPrice",
  "ourSync",
  "channels",
] as const;
export type DiagnosisCheck = (typeof DIAGNOSIS_CHECKS)[number];

export interface Finding {
  check: DiagnosisCheck;
  /** ok: nothing wrong here; warn: may explain missing showtimes; fail: explains them; skipped: not applicable. */
  status: "ok" | "warn" | "fail" | "skipped";
  title: Text;
  detail: Text;
  /** What the cinema (or we) must do, in words support staff can forward. */
  fix?: Text;
  durationMs: number;
  data?: Record<string, unknown>;
}

export interface DiagnosisProgress {
  /** Called before each check starts and after it ends, so a page can show progress. */
  onStart(check: DiagnosisCheck): void;
  onFinding(finding: Finding): void;
}

/** How many business days of vendor showtimes the diagnosis asks for: today and the next two. */
const DAYS = 3;

interface Ctx {
  catalog: CatalogServices;
  cinema: {
    id: string;
    vendor: string;
    vendor_account_id: string;
    vendor_cinema_id: string;
    national_code: string | null;
    shanghai: boolean;
    active: boolean;
    created_at: Date;
  };
  ref: CinemaRef;
  connector?: CinemaConnector;
  today: string;
  /** What earlier checks learned, for later ones. */
  vendorDown: boolean;
  shows?: VendorShowtime[];
}

type Outcome = Omit<Finding, "check" | "title" | "durationMs">;

/**
 * "Why does this cinema show no showtimes": live checks against the vendor, then our own state.
 * Each check returns one finding. A vendor check that cannot run because an earlier one failed
 * (bad credentials, unreachable cinema) is reported as skipped rather than as a second failure,
 * so the first failure stays the answer.
 */
export async function diagnoseCinema(
  catalog: CatalogServices,
  cinemaId: string,
  progress: DiagnosisProgress,
): Promise<Finding[]> {
  const cinema = await catalog.db
    .selectFrom("cinemas")
    .selectAll()
    .where("id", "=", cinemaId)
    .executeTakeFirstOrThrow();
  const ctx: Ctx = {
    catalog,
    cinema,
    ref: {
      vendorCinemaId: cinema.vendor_cinema_id,
      nationalCode: cinema.national_code ?? undefined,
      shanghai: cinema.shanghai,
    },
    today: businessDayOf(catalog.clock.now()),
    vendorDown: false,
  };
  const d = vendorOf(cinema.vendor);
  const directory = d?.kind === "directory" ? d : undefined;
  const findings: Finding[] = [];
  for (const check of DIAGNOSIS_CHECKS) {
    progress.onStart(check);
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = directory ? notConnected(directory, check) : await CHECKS[check](ctx);
    } catch (err) {
      // A bug or an unexpected answer in one check must not hide the others' findings.
      outcome = {
        status: "warn",
        detail: T(`检查出错：${(err as Error).message}`, `The check itself failed: ${(err as Error).message}`),
      };
    }
    const finding: Finding = {
      check,
      title: TEXT[check],
      durationMs: Math.round(performance.now() - started),
      ...outcome,
    };
    findings.push(finding);
    progress.onFinding(finding);
  }
  return findings;
}

/**
 * A directory-only vendor (no public interface document): the first check says why nothing syncs,
 * the others do not apply — there is no interface to ask.
 */
function notConnected(d: DirectoryVendorDescriptor, check: DiagnosisCheck): Outcome {
  if (check !== DIAGNOSIS_CHECKS[0])
    return {
      status: "skipped",
      detail: T("系统商未接入，此项不适用。", "Not applicable: the vendor is not connected."),
    };
  return {
    status: "fail",
    detail: T(
      `${d.names.zh}${d.status.zh}。Cinegate 不调用该系统商：这家影院只是手工记录（编码、联系人），从不同步，所以没有排期。`,
      `${d.names.en}: ${d.status.en}. Cinegate does not call this vendor: the cinema is a manual record (codes, contacts), never synced, so it has no showtimes.`,
    ),
    ...(d.support.noShowtimesFix ? { fix: d.support.noShowtimesFix } : {}),
    data: { vendor: d.id, kind: d.kind },
  };
}

/** The one-line answer: the first failure, else the first warning, else "no problem found". */
export function summarize(findings: Finding[]): Text {
  const top = findings.find((f) => f.status === "fail") ?? findings.find((f) => f.status === "warn");
  return top ? { zh: `${top.title.zh}：${top.detail.zh}`, en: `${top.title.en}: ${top.detail.en}` } : TEXT.summaryOk;
}

/** "2026-11-23 20:31:07": what support staff and cinemas read, in China time. */
const chinaTime = (ms: number) => toChinaIso(ms).slice(0, 19).replace("T", " ");
const skipped = (): Outcome => ({ status: "skipped", detail: TEXT.skippedAfterFailure });
const vendorError = (res: Extract<Result<unknown>, { ok: false }>) =>
  `${res.error.code}${res.error.vendorCode ? ` (${res.error.vendorCode})` : ""}: ${res.error.message}`;

const CHECKS: Record<DiagnosisCheck, (ctx: Ctx) => Promise<Outcome>> = {
  async credentials(ctx) {
    ctx.connector = await ctx.catalog.registry.forAccount(ctx.cinema.vendor_account_id);
    const res = await ctx.connector.ping();
    if (res.ok)
      return { status: "ok", detail: T("系统商接受了我方账号凭据。", "The vendor accepts our account's credentials.") };
    ctx.vendorDown = true;
    if (res.error.code === "auth_failed" || res.error.code === "config_error")
      return {
        status: "fail",
        detail: T(
          `系统商拒绝了账号凭据：${vendorError(res)}`,
          `The vendor rejects the account's credentials: ${vendorError(res)}`,
        ),
        fix: T(
          "请系统商核对并重新发送接口凭据（渠道编码、密钥或 token），在「影院 → 系统商账号」中用新凭据新建账号。",
          "Ask the vendor to check and resend the interface credentials (channel code, secret or token), then add an account with them under Cinemas → Vendor accounts.",
        ),
        data: { error: res.error },
      };
    return {
      status: "fail",
      detail: T(
        `系统商接口无法访问：${vendorError(res)}`,
        `The vendor's interface cannot be reached: ${vendorError(res)}`,
      ),
      fix: T(
        "系统商接口暂时不可用：稍后重试；若持续超过 30 分钟，请联系系统商技术支持。",
        "The vendor's interface is unavailable: retry later; if it lasts more than 30 minutes, contact the vendor's technical support.",
      ),
      data: { error: res.error },
    };
  },

  async cinema(ctx) {
    if (ctx.vendorDown || !ctx.connector) return skipped();
    const res = await ctx.connector.getCinema(ctx.ref);
    if (res.ok) {
      // Not every vendor lists halls with the cinema (VISTA does not): say nothing rather than "0 halls".
      const halls = res.value.halls?.length;
      return {
        status: "ok",
        detail: T(
          `系统商识别影院编码 ${ctx.ref.vendorCinemaId}：${res.value.name}${halls ? `，${halls} 个影厅` : ""}。`,
          `The vendor knows cinema code ${ctx.ref.vendorCinemaId}: ${res.value.name}${halls ? `, ${halls} halls` : ""}.`,
        ),
        data: { name: res.value.name, nationalCode: res.value.nationalCode, halls: halls ?? null },
      };
    }
    ctx.vendorDown = true;
    const { vendor, vendor_cinema_id: code, national_code: national } = ctx.cinema;
    // Doc 000 §三.1: for some vendors the internal code is not the 广电 code; entering one for the
    // other is the commonest onboarding mistake.
    const internalDiffers = vendorOf(vendor)?.support.internalCodeIsNational === false;
    const looksNational = internalDiffers && /^\d{8}$/.test(code) && (!national || national === code);
    return {
      status: "fail",
      detail: T(
        `系统商不认识影院编码 ${code}：${vendorError(res)}${looksNational ? "。这个编码看起来是广电编码，而该系统商需要其内部编码。" : ""}`,
        `The vendor does not know cinema code ${code}: ${vendorError(res)}${looksNational ? ". The code looks like the 8-digit national (广电) code, but this vendor needs its internal code." : ""}`,
      ),
      fix: looksNational
        ? T(
            "内部编码 ≠ 广电编码（见上线邮件）：请按系统商上线邮件中的内部编码重新接入该影院。",
            "Internal code ≠ national code: re-onboard the cinema with the internal code from the vendor's onboarding email.",
          )
        : T(
            "请影院确认已在系统商处为我方渠道开通接口，并核对上线邮件中的影院编码。",
            "Ask the cinema to confirm the vendor opened the interface for our channel, and check the cinema code against the onboarding email.",
          ),
      data: { error: res.error, looksNational },
    };
  },

  async cinemaList(ctx) {
    if (ctx.vendorDown || !ctx.connector) return skipped();
    const c = ctx.connector;
    if (!c.capabilities.listCinemas || !c.listCinemas)
      return {
        status: "skipped",
        detail: T(
          `${c.vendor} 不提供影院列表接口（文档 000 §四.2）：影院编码以系统商上线邮件为准。`,
          `${c.vendor} has no cinema list call (doc 000 §4.2): the cinema code comes from the vendor's onboarding email.`,
        ),
      };
    const res = await c.listCinemas();
    if (!res.ok)
      return {
        status: "warn",
        detail: T(`影院列表查询失败：${vendorError(res)}`, `The cinema list call failed: ${vendorError(res)}`),
      };
    const listed = res.value.some((v) => v.vendorCinemaId === ctx.ref.vendorCinemaId);
    if (listed)
      return {
        status: "ok",
        detail: T(
          `影院在该账号的影院列表中（共 ${res.value.length} 家）。`,
          `The cinema is in this account's cinema list (${res.value.length} cinemas).`,
        ),
        data: { count: res.value.length },
      };
    return {
      status: "warn",
      detail: T(
        `该账号的影院列表（${res.value.length} 家）中没有这家影院：影院可能尚未对我方渠道开放，或在系统商的另一个平台（如满天星 B/C 中心）上。`,
        `This account's cinema list (${res.value.length} cinemas) does not include the cinema: it may not be opened to our channel yet, or it lives on another of the vendor's platforms (like 满天星's B/C centres).`,
      ),
      fix: T(
        "请影院联系系统商，确认已在正确的平台上为我方渠道开通该影院。",
        "Ask the cinema to have the vendor open this cinema to our channel on the right platform.",
      ),
      data: { count: res.value.length },
    };
  },

  async showtimes(ctx) {
    if (ctx.vendorDown || !ctx.connector) return skipped();
    const to = addDays(ctx.today, DAYS - 1);
    const res = await ctx.connector.listShowtimes({ cinema: ctx.ref, fromDate: ctx.today, toDate: to });
    const emptyAnswer = !res.ok && res.error.vendorCode === "empty";
    if (!res.ok && !emptyAnswer)
      return {
        status: "fail",
        detail: T(`场次查询失败：${vendorError(res)}`, `The showtimes call failed: ${vendorError(res)}`),
        fix: T(
          "稍后重试；若持续失败，请联系系统商技术支持。",
          "Retry later; if it keeps failing, contact the vendor's technical support.",
        ),
        data: { error: res.error },
      };
    ctx.shows = res.ok ? res.value : [];
    const byDay: Record<string, number> = {};
    for (let i = 0; i < DAYS; i++) byDay[addDays(ctx.today, i)] = 0;
    for (const s of ctx.shows) {
      const day = businessDayOf(s.startsAt);
      byDay[day] = (byDay[day] ?? 0) + 1;
    }
    if (ctx.shows.length === 0)
      return {
        status: "fail",
        detail: T(
          `系统商没有为我方渠道返回 ${ctx.today} 至 ${to} 的任何场次。`,
          `The vendor returns no showtimes at all for our channel from ${ctx.today} to ${to}.`,
        ),
        fix: fixFor("noShowtimesFix", ctx.cinema.vendor),
        data: { byDay },
      };
    const later = ctx.shows.filter((s) => businessDayOf(s.startsAt) !== ctx.today).length;
    if (byDay[ctx.today] === 0 && later > 0)
      // The 鼎新 case in doc 000 §四.2: a vendor whose dates run one day late shows "nothing today".
      return {
        status: "warn",
        detail: T(
          `今天（${ctx.today}）没有场次，之后几天有 ${later} 场：可能是今天的场次已停售，或系统商的排期日期错后了一天（如鼎新）。`,
          `No showtimes today (${ctx.today}) but ${later} on the following days: today's shows may all be closed, or the vendor's schedule dates run one day late (as with 鼎新).`,
        ),
        fix: T(
          "请影院核对今天的排期是否已对我方渠道开放；若系统商的营业日与自然日错位，请联系我方工程师调整该影院的日期偏移。",
          "Ask the cinema to check today's schedule is open to our channel; if the vendor's business day is shifted from the calendar day, ask our engineers to set the cinema's date offset.",
        ),
        data: { byDay },
      };
    return {
      status: "ok",
      detail: T(`系统商返回了 ${ctx.shows.length} 个场次。`, `The vendor returns ${ctx.shows.length} showtimes.`),
      data: { byDay, count: ctx.shows.length },
    };
  },

  async saleAndPrice(ctx) {
    if (!ctx.shows || ctx.shows.length === 0) return skipped();
    const now = ctx.catalog.clock.now();
    const upcoming = ctx.shows.filter((s) => s.stopSellingAt > now);
    const notOnSale = upcoming.filter((s) => !s.onSale);
    const unpriced = upcoming.filter((s) => s.onSale && !(s.price.settleFen && s.price.settleFen > 0));
    const data = { upcoming: upcoming.length, notOnSale: notOnSale.length, unpriced: unpriced.length };
    if (upcoming.length === 0)
      return {
        status: "warn",
        detail: T("系统商返回的场次都已停止售票。", "Every showtime the vendor returns has stopped selling."),
        data,
      };
    const bad = notOnSale.length + unpriced.length;
    if (bad === 0)
      return {
        status: "ok",
        detail: T(
          `${upcoming.length} 个未开场的场次都已开售并有票价。`,
          `All ${upcoming.length} upcoming showtimes are on sale and priced.`,
        ),
        data,
      };
    const example = [...notOnSale, ...unpriced][0]!;
    const exampleText = `${example.filmTitle} ${chinaTime(example.startsAt).slice(0, 16)}`;
    return {
      status: bad === upcoming.length ? "fail" : "warn",
      detail: T(
        `${upcoming.length} 个未开场的场次中，${notOnSale.length} 个未对我方开售，${unpriced.length} 个没有我方渠道的票价（例如 ${exampleText}）。`,
        `Of ${upcoming.length} upcoming showtimes, ${notOnSale.length} are not on sale to us and ${unpriced.length} have no price for our channel (e.g. ${exampleText}).`,
      ),
      fix: fixFor("notOnSaleFix", ctx.cinema.vendor),
      data: { ...data, example: { vendorShowtimeId: example.vendorShowtimeId, film: example.filmTitle } },
    };
  },

  async ourSync(ctx) {
    const { db } = ctx.catalog;
    const now = ctx.catalog.clock.now();
    const [state, counts, lastRun] = await Promise.all([
      db.selectFrom("sync_state").selectAll().where("cinema_id", "=", ctx.cinema.id).execute(),
      db
        .selectFrom("showtimes")
        .select(["valid", (eb) => eb.fn.countAll<number>().as("n")])
        .where("cinema_id", "=", ctx.cinema.id)
        .where("business_day", ">=", ctx.today)
        .groupBy("valid")
        .execute(),
      db
        .selectFrom("sync_runs")
        .selectAll()
        .where("cinema_id", "=", ctx.cinema.id)
        .orderBy("started_at", "desc")
        .limit(1)
        .executeTakeFirst(),
    ]);
    const health = healthOf(state, ctx.cinema.created_at, now);
    const stored = Number(counts.find((c) => c.valid)?.n ?? 0);
    const invalidated = Number(counts.find((c) => !c.valid)?.n ?? 0);
    const vendorCount = ctx.shows?.length;
    const data = {
      health: health.status,
      lastSuccessAt: health.lastSuccessAt,
      lastRun: lastRun ? { id: lastRun.id, status: lastRun.status, startedAt: lastRun.started_at.toISOString() } : null,
      storedShowtimes: stored,
      invalidatedShowtimes: invalidated,
      ...(vendorCount !== undefined ? { vendorShowtimes: vendorCount } : {}),
    };
    const last = health.lastSuccessAt ? chinaTime(Date.parse(health.lastSuccessAt)) : null;
    const numbers = T(
      `我方有 ${stored} 个有效场次、${invalidated} 个已失效场次（今天起）；上次成功同步：${last ?? "从未"}。`,
      `We hold ${stored} valid and ${invalidated} invalidated showtimes from today; last successful sync: ${last ?? "never"} (China time).`,
    );
    const syncNow = T(
      "点「立即同步」并查看同步记录中的错误。",
      "Press “Sync now” and read the errors in the sync history.",
    );
    if (health.status === "failing")
      return {
        status: "fail",
        detail: T(
          `我方同步失败：${health.errors.join("；")}。${numbers.zh}`,
          `Our sync is failing: ${health.errors.join("; ")}. ${numbers.en}`,
        ),
        fix: syncNow,
        data,
      };
    if (vendorCount && stored === 0)
      return {
        status: "fail",
        detail: T(
          `系统商有 ${vendorCount} 个场次，但我方一个也没有。${numbers.zh}`,
          `The vendor has ${vendorCount} showtimes but we hold none. ${numbers.en}`,
        ),
        fix: syncNow,
        data,
      };
    if (health.status === "stale" || health.status === "pending")
      return {
        status: "warn",
        detail: T(
          `我方场次数据已过时或首次同步尚未完成。${numbers.zh}`,
          `Our showtimes are stale or the first sync has not finished. ${numbers.en}`,
        ),
        fix: syncNow,
        data,
      };
    return { status: "ok", detail: numbers, data };
  },

  async channels(ctx) {
    const links = await ctx.catalog.db
      .selectFrom("channel_cinemas")
      .innerJoin("channels", "channels.id", "channel_cinemas.channel_id")
      .select(["channels.code", "channels.active"])
      .where("channel_cinemas.cinema_id", "=", ctx.cinema.id)
      .execute();
    const active = links.filter((l) => l.active).map((l) => l.code);
    if (!ctx.cinema.active)
      return {
        status: "fail",
        detail: T("该影院在我方已停用，任何渠道都看不到它。", "The cinema is deactivated here: no channel sees it."),
        fix: T(
          "确认影院可以重新上线后，由管理员重新启用。",
          "Once the cinema may sell again, have an admin re-activate it.",
        ),
        data: { channels: active },
      };
    if (active.length === 0)
      return {
        status: "fail",
        detail: T("没有任何渠道可以销售这家影院。", "No channel may sell this cinema."),
        fix: T(
          "在「渠道」页把该影院加入相应渠道的可售影院列表。",
          "Add the cinema to the channel's cinema list on the Channels page.",
        ),
        data: { channels: active },
      };
    return {
      status: "ok",
      detail: T(`可售渠道：${active.join("、")}。`, `Channels that may sell it: ${active.join(", ")}.`),
      data: { channels: active },
    };
  },
};
