import { defineDirectoryVendor } from "../descriptor.js";
import { HANDBOOK, ManualCinemaRecord, NO_PUBLIC_DOCS } from "../directory.js";

/**
 * 快购云: doc 000 names it among the systems its platform serves; public-refs §11 found only reply
 * fragments (JSON `resultCode`/`resultMsg`, a lock and a buy reply, an MD5 lower-cased after hashing) —
 * no endpoint, call list, parameters or signing fields. Nothing to build a connector or a simulator
 * from, so Cinegate lists it and keeps manual cinema records (docs/vendors/kuaigouyun.md).
 */
export const kuaigouyun = defineDirectoryVendor({
  id: "kuaigouyun",
  names: { zh: "快购云", en: "Kuaigouyun" },
  document: "public-refs.md",
  documents: [
    { file: "public-refs.md", section: "§11, §13" },
    { file: HANDBOOK, section: "§三.1" },
  ],
  status: NO_PUBLIC_DOCS,
  cinemaSettings: ManualCinemaRecord,
  support: {
    // doc 000 §三.1 (1) <2>: 内部编码=广电编码（…快购云）.
    internalCodeIsNational: true,
    showtimeDateOffsetDays: 0,
    noShowtimesFix: {
      zh: "快购云未接入 Cinegate（无公开接口文档）：我们不从快购云同步排期，影院只有手工记录。排期需由影院或快购云以其他方式提供；请勿期待「立即同步」产生数据。",
      en: "Kuaigouyun is not connected to Cinegate (no public interface document): we sync no showtimes from it and the cinema is a manual record only. Showtimes must come from the cinema or Kuaigouyun by other means; “Sync now” will not produce any.",
    },
  },
  // doc 000 §二.6 lists no line for 快购云.
  contact: undefined,
});
