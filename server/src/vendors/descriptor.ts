import { type Static, type TObject, type TProperties, type TString, Type } from "@sinclair/typebox";
import type { Bilingual } from "../domain/bilingual.js";
import type { VendorErrorCode } from "../domain/errors.js";
import type { Clock } from "../domain/time.js";
import type { CallRecorder } from "./call-recorder.js";
import type { Capabilities, CinemaConnector } from "./connector.js";
import type { RecoveryPolicy } from "./recovery.js";
import type { VoucherCapabilities, VoucherConnector } from "./vouchers.js";

export type { Bilingual } from "../domain/bilingual.js";

/** One row of a vendor's code table: every code of its document, mapped to the standard vocabulary. */
export interface CodeRow {
  /** The vendor's own code as it appears on the wire (retCode, bizCode, ResponseCode …). */
  vendorCode: string;
  meaning: string;
  standard: VendorErrorCode | "ok";
}

/**
 * What support staff need to know about a vendor that no call tells them (vendor-docs 000): written
 * once here, read by the diagnosis and the console.
 */
export interface SupportNotes {
  /** doc 000 §三.1: the vendor's internal cinema code is the 8-digit 广电 national code. */
  internalCodeIsNational: boolean;
  /** doc 000 §三.1 (5): showtimes are asked this many days later than meant (鼎新 +1); 0 for most. */
  showtimeDateOffsetDays: number;
  /** Why a cinema's showtimes can be missing for our channel, and what the cinema does about it. */
  noShowtimesFix?: Bilingual;
  /** Why the vendor's showtimes are not on sale or not priced for us. */
  notOnSaleFix?: Bilingual;
}

/** The vendor's support line as vendor-docs 000 §二.6 lists it; absent when the document names none. */
export interface ContactLine {
  /** 400 电话. */
  phone?: string;
  /** 问题交流群 (QQ / DingTalk group number). */
  group?: string;
}

/** The stored account a factory builds a connector from, with its credentials already checked. */
export interface AccountFor<C extends TObject> {
  id: string;
  baseUrl: string;
  ratePerSecond: number;
  credentials: Static<C>;
}

export interface FactoryDeps {
  clock: Clock;
  recorder: CallRecorder;
}

/** What every connector's create function takes: the stored account's address, id, rate and credentials, and the deps. */
export interface ConnectorOptions<Credentials> extends FactoryDeps {
  baseUrl: string;
  accountId: string;
  ratePerSecond?: number;
  credentials: Credentials;
  timeoutMs?: number;
}

/** A descriptor's factory for a connector whose create function takes {@link ConnectorOptions}. */
export const fromAccount =
  <Credentials, Connector>(create: (opts: ConnectorOptions<Credentials>) => Connector) =>
  (account: { id: string; baseUrl: string; ratePerSecond: number; credentials: Credentials }, deps: FactoryDeps) =>
    create({
      baseUrl: account.baseUrl,
      accountId: account.id,
      ratePerSecond: account.ratePerSecond,
      credentials: account.credentials,
      ...deps,
    });

interface CommonDescriptor<Id extends string, C extends TObject> {
  id: Id;
  names: Bilingual;
  /** The vendor document in shared/vendor-docs this connector implements. */
  document: string;
  /**
   * The account's credentials: one schema for the Admin API (validation and the OpenAPI document the
   * console builds its form from) and for the factory (its input type).
   */
  credentials: C;
  codes: readonly CodeRow[];
  support: SupportNotes;
  contact?: ContactLine;
  /**
   * The files of shared/vendor-docs that describe it, for the console's vendor directory (served to
   * staff by GET /admin/vendor-docs/:file). Absent: `document` and the support handbook.
   */
  documents?: readonly VendorDocument[];
}

/** One document of shared/vendor-docs, with the part of it that concerns the vendor. */
export interface VendorDocument {
  file: string;
  /** e.g. "§10"; absent for a whole document. */
  section?: string;
}

/** A vendor Cinegate talks to: its simulator listens on a demo port. */
interface ConnectedDescriptor<Id extends string, C extends TObject> extends CommonDescriptor<Id, C> {
  /** Where the demo simulator listens (SIM_PORT_<VENDOR> overrides); the simulator side has the same number. */
  demoPort: number;
}

/**
 * A descriptor of any vendor: its credentials' type is erased (`any`), because a factory taking one
 * vendor's credentials cannot stand for a factory taking any object; callers check the credentials
 * against `credentials` (the schema) before calling it — see vendors/factories.ts.
 */
// biome-ignore lint/suspicious/noExplicitAny: the erased credential type of "some vendor", see above.
type AnyCredentials = any;

export interface SeatVendorDescriptor<Id extends string = string, C extends TObject = AnyCredentials>
  extends ConnectedDescriptor<Id, C> {
  kind: "seats";
  capabilities: Capabilities;
  recovery: RecoveryPolicy;
  /**
   * The vendor's own per-cinema settings (the `vendor` section of a cinema's settings record,
   * cinemas/settings.ts): one schema for the Admin API's validation, the console's form and the
   * connector's `withCinemaSettings`. Absent when the vendor has none. Every property is optional:
   * an empty object means the vendor's defaults.
   */
  cinemaSettings?: TObject;
  /** Loaded on first use, so a process that never trades loads no connector code. */
  loadFactory(): Promise<(account: AccountFor<C>, deps: FactoryDeps) => CinemaConnector<Id>>;
}

export interface VoucherVendorDescriptor<Id extends string = string, C extends TObject = AnyCredentials>
  extends ConnectedDescriptor<Id, C> {
  kind: "vouchers";
  capabilities: VoucherCapabilities;
  loadFactory(): Promise<(account: AccountFor<C>, deps: FactoryDeps) => VoucherConnector>;
}

/**
 * A vendor system the handbook names but Cinegate cannot connect to: no usable public protocol
 * (快购云, 威云). No connector, no simulator, no factory, no credentials. The console lists it with
 * `status`; its cinemas are manual records (codes, and contacts in the settings record's vendor
 * section, shaped by `cinemaSettings`) that are never synced; the diagnosis explains why.
 */
export interface DirectoryVendorDescriptor<Id extends string = string, C extends TObject = AnyCredentials>
  extends CommonDescriptor<Id, C> {
  kind: "directory";
  /** Why it is not connected: the console's status and the diagnosis's finding. */
  status: Bilingual;
  /** The manual cinema record's fields beyond the codes (contacts, the onboarding email …). */
  cinemaSettings: TObject;
}

export type VendorDescriptor<Id extends string = string, C extends TObject = AnyCredentials> =
  | SeatVendorDescriptor<Id, C>
  | VoucherVendorDescriptor<Id, C>
  | DirectoryVendorDescriptor<Id, C>;

/** No credentials: an account of a directory vendor only groups its cinema records. */
export const NoCredentials = Type.Object({}, { additionalProperties: false });

/**
 * What a descriptor writes: its support notes with the date offset 0 unless the vendor's is not, and
 * instead of `loadFactory` the lazy import of its connector's create function (every connector's
 * takes {@link ConnectorOptions}, so the factory built from it is the same for all).
 */
type DescriptorInput<D extends { support: SupportNotes }, C extends TObject, Connector> = Omit<
  D,
  "kind" | "support" | "loadFactory"
> & {
  support: SupportInput;
  connector(): Promise<(opts: ConnectorOptions<Static<C>>) => Connector>;
};
export type SupportInput = Omit<SupportNotes, "showtimeDateOffsetDays"> &
  Partial<Pick<SupportNotes, "showtimeDateOffsetDays">>;
const supportNotes = (s: SupportInput): SupportNotes => ({ showtimeDateOffsetDays: 0, ...s });
const lazyFactory =
  <Credentials, Connector>(connector: () => Promise<(opts: ConnectorOptions<Credentials>) => Connector>) =>
  async () =>
    fromAccount(await connector());

/** Keeps the id's literal type, so the one list can derive the `VendorId` union. */
export const defineSeatVendor = <const Id extends string, C extends TObject>({
  connector,
  support,
  ...d
}: DescriptorInput<SeatVendorDescriptor<Id, C>, C, CinemaConnector<Id>>): SeatVendorDescriptor<Id, C> => ({
  ...d,
  kind: "seats",
  support: supportNotes(support),
  loadFactory: lazyFactory(connector),
});
export const defineVoucherVendor = <const Id extends string, C extends TObject>({
  connector,
  support,
  ...d
}: DescriptorInput<VoucherVendorDescriptor<Id, C>, C, VoucherConnector>): VoucherVendorDescriptor<Id, C> => ({
  ...d,
  kind: "vouchers",
  support: supportNotes(support),
  loadFactory: lazyFactory(connector),
});

/** The two limits a seat vendor's document sets: no safe default, so every descriptor states them. */
export type SeatLimits = Pick<Capabilities, "maxSeatsPerOrder" | "lockTtlMs">;
/** The calls a seat vendor has; a flag left out is off. */
export type CapabilityFlags = Partial<Omit<Capabilities, keyof SeatLimits>>;

/**
 * A seat vendor's capabilities, saying only what it can do: every flag it does not name is false, so a
 * new vendor claims no call before its connector has it (callers check a flag before calling).
 */
export const capabilities = (limits: SeatLimits, can: CapabilityFlags): Capabilities => ({
  listCinemas: false,
  catalogue: false,
  seatStatus: false,
  trade: false,
  refund: false,
  reverse: false,
  printStatus: false,
  concessions: false,
  memberCards: false,
  vouchers: false,
  ...can,
  ...limits,
});

/** An account's credential schema: the named fields and no others (an unknown field is a typo). */
export const credentials = <P extends TProperties>(fields: P): TObject<P> =>
  Type.Object(fields, { additionalProperties: false });
export const defineDirectoryVendor = <const Id extends string>(
  d: Omit<DirectoryVendorDescriptor<Id, typeof NoCredentials>, "kind" | "credentials" | "codes">,
): DirectoryVendorDescriptor<Id, typeof NoCredentials> => ({
  ...d,
  kind: "directory",
  credentials: NoCredentials,
  codes: [],
});

/** Credential field helpers: `x-label` names the field on the console's form; secrets are `format: password`. */
export const credential = (label: Bilingual, max = 200): TString =>
  Type.String({ minLength: 1, maxLength: max, "x-label": label });
export const secretCredential = (label: Bilingual, max = 200): TString =>
  Type.String({ minLength: 1, maxLength: max, format: "password", "x-label": label });

/** Rows of a `{ code: { meaning, standard } }` table, the shape every code table is read as. */
export const codeRows = <R>(
  table: Readonly<Record<string | number, R>>,
  row: (r: R) => { meaning: string; standard: VendorErrorCode | "ok" },
  prefix = "",
): CodeRow[] => Object.entries(table).map(([code, r]) => ({ vendorCode: `${prefix}${code}`, ...row(r) }));
