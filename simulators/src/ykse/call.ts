import type { Args, BizResult } from "./envelope.js";
import type { YkseState } from "./state.js";

/** One authenticated vendor call, as the handlers see it. */
export interface Call {
  state: YkseState;
  args: Args;
  channelCode: string;
  api: string;
}

export type Handler = (call: Call) => BizResult;
