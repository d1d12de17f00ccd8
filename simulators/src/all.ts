import { chenxingSimulator } from "./chenxing/descriptor.js";
import type { SimulatorDescriptor } from "./core/descriptor.js";
import { dingxinSimulator } from "./dingxin/descriptor.js";
import { huofenghuangSimulator } from "./huofenghuang/descriptor.js";
import { huolieniaoSimulator } from "./huolieniao/descriptor.js";
import { huolieniao5Simulator } from "./huolieniao5/descriptor.js";
import { lingdongSimulator } from "./lingdong/descriptor.js";
import { m1905Simulator } from "./m1905/descriptor.js";
import { mantianxingSimulator } from "./mantianxing/descriptor.js";
import { moviefanSimulator } from "./moviefan/descriptor.js";
import { vistaSimulator } from "./vista/descriptor.js";
import { ykseSimulator } from "./ykse/descriptor.js";
import { yunzhiSimulator } from "./yunzhi/descriptor.js";

/**
 * Every vendor simulator: the simulators' one registration (they cannot read the server's list,
 * server/src/vendors/all.ts — a test keeps the two in step). Start-up, ports, demo accounts, the
 * data set's cinema owners and the chaos run read it. The order matters: the data set deals
 * cinemas round-robin over the cinema-owning vendors in this order.
 */
export const simulators = [
  ykseSimulator,
  vistaSimulator,
  moviefanSimulator,
  lingdongSimulator,
  chenxingSimulator,
  dingxinSimulator,
  mantianxingSimulator,
  m1905Simulator,
  huolieniaoSimulator,
  huolieniao5Simulator,
  yunzhiSimulator,
  huofenghuangSimulator,
] as const;

export type VendorId = (typeof simulators)[number]["id"];

export const vendorIds: readonly VendorId[] = simulators.map((s) => s.id);

/** The vendors that own cinemas and sell seats. */
export type SeatVendorId = Extract<(typeof simulators)[number], { cinemas: object }>["id"];

/** The simulators of vendors that own cinemas (and sell seats). */
export const cinemaSimulators = (list: readonly SimulatorDescriptor[] = simulators) =>
  list.filter((s) => s.cinemas !== undefined);
