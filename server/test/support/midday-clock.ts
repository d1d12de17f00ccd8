import { createSimClock, type SimClock } from "../../../simulators/src/core/clock.js";
import { businessDayOf, businessDayRange } from "../../src/domain/time.js";

/**
 * A simulator clock at 12:00 China time of the current business day (06:00–06:00). Tests that read
 * "today's showtimes" use it so they do not depend on when they run: late in the evening the day
 * has nothing left on sale. The demo data set starts on the same business day.
 */
export function middayClock(): SimClock {
  return createSimClock(businessDayRange(businessDayOf(Date.now())).start + 6 * 3600_000);
}
