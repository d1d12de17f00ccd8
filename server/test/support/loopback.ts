import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Listening and closing for the tests' own canned HTTP servers: loopback only, on a port the system
 * picks, so test files run side by side.
 */

/** Starts the server on 127.0.0.1 at a free port; its base URL. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server, dropping kept-alive connections first (a close otherwise waits for them); none is fine. */
export async function closeLoopback(server: Server | undefined): Promise<void> {
  server?.closeAllConnections();
  await new Promise<void>((r) => server?.close(() => r()) ?? r());
}
