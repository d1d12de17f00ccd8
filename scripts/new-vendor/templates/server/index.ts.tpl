import type { Static } from "@sinclair/typebox";
import { fail, ok, type Result } from "../../domain/errors.js";
import { accountTransport } from "../account-transport.js";
import type { CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { __Id__Client } from "./client.js";
import { type __Id__Credentials, __id__Capabilities } from "./descriptor.js";
import { __id__Recovery } from "./recovery.js";

export type __Id__Options = ConnectorOptions<Static<typeof __Id__Credentials>>;

/** Each call the contract suite asks for fails plainly until it is written. */
const notYet = (call: string): Promise<Result<never>> =>
  Promise.resolve(fail("unsupported", `__id__ connector: ${call} is not implemented yet`));

/** TODO: the vendor's name and document; what is special about it is in docs/vendors/__id__.md. */
export function create__Id__Connector(opts: __Id__Options): CinemaConnector<"__id__"> & { close(): Promise<void> } {
  // Every secret the document puts on the wire is masked in each recording.
  const transport = accountTransport("__id__", opts, [opts.credentials.secret]);
  const client = new __Id__Client(transport, opts.baseUrl, opts.credentials);

  return {
    vendor: "__id__",
    capabilities: __id__Capabilities,
    recovery: __id__Recovery,
    async ping() {
      const res = await client.call("ping");
      return res.ok ? ok({}) : res;
    },
    getCinema: () => notYet("getCinema"),
    listFilms: () => notYet("listFilms"),
    listShowtimes: () => notYet("listShowtimes"),
    getSeatLayout: () => notYet("getSeatLayout"),
    getSeatStatus: () => notYet("getSeatStatus"),
    lock: () => notYet("lock"),
    release: () => notYet("release"),
    confirm: () => notYet("confirm"),
    queryOrder: () => notYet("queryOrder"),
    close: () => transport.close(),
  };
}
