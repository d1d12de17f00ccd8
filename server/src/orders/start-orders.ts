import type PgBoss from "pg-boss";
import type { SeatStatusService } from "../catalog/seat-status.js";
import type { ChannelStore } from "../channels/channels.js";
import { WebhookNotifier } from "../channels/webhooks.js";
import type { CinemaSettings } from "../cinemas/settings.js";
import type { Db } from "../db/database.js";
import type { Clock } from "../domain/time.js";
import { PaidOrders } from "../payments/paid-orders.js";
import type { SecretBox } from "../security/secret-box.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import { createOrderDeps } from "./deps.js";
import { liveSeatStatusFrom } from "./live-seat-status.js";
import { OrderService } from "./order-service.js";
import { OrderRunner } from "./runner.js";
import { OrderWorkflow } from "./workflow.js";

/** Assembles the order side on the job queue: store, workflow, runner (steps + sweeper), webhooks. */
export async function startOrders(input: {
  db: Db;
  boss: PgBoss;
  channels: ChannelStore;
  registry: ConnectorRegistry;
  /** The catalogue's live seat status, shared with the seat map (for the single-gap rule). */
  seats: SeatStatusService;
  clock: Clock;
  log: (line: string) => void;
  /** The buyer site's payments (notify URLs under `publicBaseUrl`); absent: no order takes payment here. */
  payments?: {
    settings: CinemaSettings;
    box: SecretBox;
    publicBaseUrl: () => string;
    wechatPayBaseUrl?: string;
  };
}): Promise<OrderService> {
  const now = () => input.clock.now();
  const deps = createOrderDeps({
    db: input.db,
    clock: input.clock,
    registry: input.registry,
    liveSeatStatus: liveSeatStatusFrom(input.seats),
  });
  const store = deps.orders;
  if (input.payments) {
    deps.payments = new PaidOrders({ db: input.db, clock: input.clock, orders: store, ...input.payments });
  }
  const workflow = new OrderWorkflow(deps);
  const runner = new OrderRunner(input.boss, deps, workflow);
  deps.payments?.bindScheduler(runner);
  await runner.start();
  const webhooks = new WebhookNotifier(input.db, input.boss, input.channels, now);
  await webhooks.start();
  store.onChange((order) => {
    webhooks.orderChanged(order).catch((err: Error) => input.log(`webhook for ${order.id} not queued: ${err.message}`));
  });
  return new OrderService(deps, workflow, runner);
}
