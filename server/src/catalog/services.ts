import type { CinemaSettings } from "../cinemas/settings.js";
import type { Db } from "../db/database.js";
import type { Clock } from "../domain/time.js";
import type { RingCallRecorder } from "../vendors/call-recorder.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import type { SyncRequester } from "./onboarding.js";
import type { SeatStatusService } from "./seat-status.js";
import type { VendorAccountStore } from "./vendor-accounts.js";

/** The catalogue's moving parts, built once per process (platform.ts) and handed to the routes. */
export interface CatalogServices {
  db: Db;
  clock: Clock;
  accounts: VendorAccountStore;
  /** Per-cinema settings: the one read interface (connectors get theirs through `registry.forCinema`). */
  settings: CinemaSettings;
  registry: ConnectorRegistry;
  sync: SyncRequester;
  seats: SeatStatusService;
  calls: RingCallRecorder;
}
