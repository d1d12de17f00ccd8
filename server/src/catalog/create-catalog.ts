import { CinemaSettings } from "../cinemas/settings.js";
import type { Db } from "../db/database.js";
import type { Clock } from "../domain/time.js";
import type { SecretBox } from "../security/secret-box.js";
import { RingCallRecorder } from "../vendors/call-recorder.js";
import { feedCallScopes } from "../vendors/call-scope.js";
import type { VendorId } from "../vendors/connector.js";
import { type ConnectorFactory, ConnectorRegistry } from "../vendors/registry.js";
import type { SyncRequester } from "./onboarding.js";
import { SeatStatusService } from "./seat-status.js";
import type { CatalogServices } from "./services.js";
import { VendorAccountStore } from "./vendor-accounts.js";

/**
 * Assembles the catalogue. `sync` is given late (`bindSync`) because the scheduler needs the
 * registry this creates, and the registry is needed before the job queue starts.
 */
export function createCatalog(input: {
  db: Db;
  box: SecretBox;
  clock: Clock;
  factories: Partial<Record<VendorId, ConnectorFactory>>;
}): CatalogServices & { bindSync(sync: SyncRequester): void } {
  const accounts = new VendorAccountStore(input.db, input.box);
  const calls = new RingCallRecorder(5000);
  feedCallScopes(calls);
  const settings = new CinemaSettings(input.db, input.clock);
  const registry = new ConnectorRegistry(accounts, input.factories, { clock: input.clock, recorder: calls }, settings);
  const seats = new SeatStatusService(registry, input.clock);
  let sync: SyncRequester = {
    request: async () => {
      throw new Error("sync scheduler not started");
    },
  };
  return {
    db: input.db,
    clock: input.clock,
    accounts,
    settings,
    registry,
    seats,
    calls,
    get sync() {
      return sync;
    },
    bindSync(s) {
      sync = s;
    },
  };
}
