/**
 * A clock the simulators read instead of Date.now(), so tests can jump over 15-minute locks and
 * 12-minute retry windows in milliseconds. `advance` moves simulated time forward; `offsetMs` is
 * what the control API exposes.
 */
export interface SimClock {
  now(): number;
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createSimClock(start?: number): SimClock {
  let offset = start === undefined ? 0 : start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    set: (epochMs) => {
      offset = epochMs - Date.now();
    },
  };
}
