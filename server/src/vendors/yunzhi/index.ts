import type { Static } from "@sinclair/typebox";
import type { ConnectorOptions } from "../descriptor.js";
import { buildYkseConnector, type YkseConnector } from "../ykse/index.js";
import { ykseRecoveryPolicy } from "../ykse/recovery.js";
import { type YunzhiCredentials, yunzhiCapabilities } from "./descriptor.js";
import { larkDialect } from "./lark.js";

/**
 * The 凤凰云智 connector: the ykse connector speaking the lark dialect (public-refs §10). Its
 * member-card and concession modules exist (they are ykse's) but the capabilities leave them off.
 */
export type YunzhiConnector = YkseConnector<"yunzhi">;

export const createYunzhiConnector = (opts: ConnectorOptions<Static<typeof YunzhiCredentials>>): YunzhiConnector =>
  buildYkseConnector(opts, {
    vendor: "yunzhi",
    capabilities: yunzhiCapabilities,
    recovery: ykseRecoveryPolicy,
    dialect: larkDialect,
  });
