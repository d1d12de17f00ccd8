import type { CatalogServices } from "../../../catalog/services.js";
import type { ChannelStore } from "../../../channels/channels.js";
import type { Db } from "../../../db/database.js";
import type { OrderService } from "../../../orders/order-service.js";
import type { AuditLog } from "../../../security/audit.js";

/** What the console's admin routes may use. */
export interface AdminRouteDeps {
  db: Db;
  catalog: CatalogServices;
  orders: OrderService;
  channels: ChannelStore;
  audit: AuditLog;
}
