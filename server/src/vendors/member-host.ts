import { Type } from "@sinclair/typebox";
import { accountTransport } from "./account-transport.js";
import type { ConnectorOptions } from "./descriptor.js";
import type { VendorTransport } from "./transport.js";

/**
 * Vendors whose member-card calls go to a host of their own (鼎新's `mapi.*`, 火凤凰's member
 * service): the optional credential that names it, and the two hosts a client calls. When no member
 * host is given, member calls go to the ticketing base URL (as in our demo), over the same transport.
 */
export const memberBaseUrlCredential = () =>
  Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 300,
      pattern: "^https?://",
      "x-label": { zh: "会员卡接口地址 (可选)", en: "Member-card API URL (optional)" },
    }),
  );

/** One host a client calls: its address and the transport that reaches it. */
export interface Host {
  transport: VendorTransport;
  baseUrl: string;
}

/** The ticketing host and the member host (the same object when the account names no member host). */
export function ticketingAndMemberHosts(
  vendor: string,
  opts: ConnectorOptions<{ memberBaseUrl?: string }>,
  secrets: readonly string[],
): { ticketing: Host; members: Host; close(): Promise<void> } {
  const ticketing = { transport: accountTransport(vendor, opts, secrets), baseUrl: opts.baseUrl };
  const memberBase = opts.credentials.memberBaseUrl;
  const members = memberBase
    ? { transport: accountTransport(vendor, opts, secrets, memberBase), baseUrl: memberBase }
    : ticketing;
  return {
    ticketing,
    members,
    async close() {
      await ticketing.transport.close();
      if (members !== ticketing) await members.transport.close();
    },
  };
}
