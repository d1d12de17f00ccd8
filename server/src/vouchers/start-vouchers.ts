import type PgBoss from "pg-boss";
import type { VendorAccountStore } from "../catalog/vendor-accounts.js";
import type { Db } from "../db/database.js";
import type { Clock } from "../domain/time.js";
import type { StepScheduler } from "../orders/runner.js";
import type { CallRecorder } from "../vendors/call-recorder.js";
import { loadVoucherFactories } from "../vendors/factories.js";
import { VoucherProducts } from "./products.js";
import { VoucherRunner } from "./voucher-runner.js";
import { VoucherService } from "./voucher-service.js";
import { VoucherOrderStore } from "./voucher-store.js";
import { VoucherVendors } from "./voucher-vendors.js";

export interface VoucherInput {
  db: Db;
  clock: Clock;
  accounts: VendorAccountStore;
  /** The vendor-call recorder the catalogue's connectors share (masked records for support staff). */
  recorder: CallRecorder;
}

/** The voucher side's parts, with the activation steps queued on `scheduler`. */
export async function createVouchers(
  input: VoucherInput,
  scheduler: (parts: { store: VoucherOrderStore; vendors: VoucherVendors }) => StepScheduler,
): Promise<VoucherService> {
  const vendors = new VoucherVendors(input.accounts, await loadVoucherFactories(), {
    clock: input.clock,
    recorder: input.recorder,
  });
  const store = new VoucherOrderStore(input.db, () => input.clock.now());
  return new VoucherService({
    db: input.db,
    clock: input.clock,
    store,
    vendors,
    products: new VoucherProducts(input.db, vendors),
    scheduler: scheduler({ store, vendors }),
  });
}

/** Assembles the voucher side on the job queue: activation steps and their sweeper run on pg-boss. */
export async function startVouchers(input: VoucherInput & { boss: PgBoss }): Promise<VoucherService> {
  let runner: VoucherRunner | undefined;
  const service = await createVouchers(input, (parts) => {
    runner = new VoucherRunner(input.boss, { db: input.db, clock: input.clock, ...parts });
    return runner;
  });
  await runner!.start();
  return service;
}
