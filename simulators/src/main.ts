import { alipaySimulator, startAlipaySimulator } from "./alipay/index.js";
import { cinemaSimulators, simulators } from "./all.js";
import { readSimEnv } from "./env.js";
import { startSimulators } from "./index.js";
import { startWechatPaySimulator, wechatpaySimulator } from "./wechatpay/index.js";

/** Fixed ports for `npm run simulators`, so the demo platform's configuration can name them. */
const DEMO_PORTS = Object.fromEntries(simulators.map((s) => [s.id, s.demoPort]));

async function main(): Promise<void> {
  const env = readSimEnv();
  const sims = await startSimulators({ ports: { ...DEMO_PORTS, ...env.ports }, logger: process.env.SIM_LOG === "1" });
  const { dataset } = sims;
  console.log(
    `Cinegate vendor simulators — seed ${dataset.seed}, ${dataset.cinemas.length} cinemas, ` +
      `${dataset.showtimes.length} showtimes from ${new Date(dataset.baseTime).toISOString()}`,
  );
  for (const [vendor, url] of Object.entries(sims.urls)) {
    // A voucher seller (Lingdong) owns no cinemas: its vouchers are valid at the others'.
    const own = dataset.cinemas.filter((c) => c.vendor === vendor).length;
    const ownsCinemas = cinemaSimulators().some((s) => s.id === vendor);
    const what = ownsCinemas ? `${own} cinemas` : "vouchers";
    console.log(`  ${vendor.padEnd(9)} ${url}  (${what}; control API under ${url}/_control)`);
  }
  // Payment providers are not seat vendors (no cinemas, not in all.ts); they share the vendors' clock.
  const wechatpayPort = Number(process.env.SIM_PORT_WECHATPAY || wechatpaySimulator.demoPort);
  const wechatpay = await startWechatPaySimulator({
    port: wechatpayPort,
    ...(env.host ? { host: env.host } : {}),
    ctx: { clock: Object.values(sims.clocks)[0], logger: process.env.SIM_LOG === "1" },
  });
  console.log(
    `  ${"wechatpay".padEnd(9)} ${wechatpay.url}  (merchant ${wechatpay.demo.mchId}; control API under ${wechatpay.url}/_control)`,
  );
  const alipay = await startAlipaySimulator({
    port: Number(process.env.SIM_PORT_ALIPAY || alipaySimulator.demoPort),
    ...(env.host ? { host: env.host } : {}),
    ctx: { clock: Object.values(sims.clocks)[0], logger: process.env.SIM_LOG === "1" },
  });
  console.log(
    `  ${"alipay".padEnd(9)} ${alipay.url}  (app ${alipay.demo.appId}; gateway ${alipay.gatewayUrl}; control API under ${alipay.url}/_control)`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping simulators…`);
    await Promise.allSettled([sims.close(), wechatpay.close(), alipay.close()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
