import { defineDirectoryVendor } from "../descriptor.js";
import { HANDBOOK, ManualCinemaRecord, NO_PUBLIC_DOCS } from "../directory.js";

/**
 * 威云: doc 000 names it; public-refs §12 found only an enum entry (`WEIYUN(25)`) — no protocol
 * information at all (not to be confused with CEC's 微影V5, a YXT-family system). Cinegate lists it and
 * keeps manual cinema records (docs/vendors/weiyun.md).
 */
export const weiyun = defineDirectoryVendor({
  id: "weiyun",
  names: { zh: "威云", en: "Weiyun" },
  document: "public-refs.md",
  documents: [
    { file: "public-refs.md", section: "§12, §13" },
    { file: HANDBOOK, section: "§三.1, §四.2" },
  ],
  status: NO_PUBLIC_DOCS,
  cinemaSettings: ManualCinemaRecord,
  support: {
    // doc 000 §三.1 (1) <3>: 内部编码≠广电编码（…威云）.
    internalCodeIsNational: false,
    showtimeDateOffsetDays: 0,
    // doc 000 §四.2 <1> (1): "Vista、威云这个接口不做维护，内部编码为系统商发送上线邮件，技术人员配置内部编码等相关信息".
    noShowtimesFix: {
      zh: "威云未接入 Cinegate（无公开接口文档）：我们不从威云同步排期，影院只有手工记录。威云影院的内部编码以系统商发送的上线邮件为准，由技术人员手工录入；请勿期待「立即同步」产生数据。",
      en: "Weiyun is not connected to Cinegate (no public interface document): we sync no showtimes from it and the cinema is a manual record only. A Weiyun cinema's internal code is the one in the vendor's onboarding email, entered by hand by support staff; “Sync now” will not produce any.",
    },
  },
  // doc 000 §二.6 lists no line for 威云.
  contact: undefined,
});
