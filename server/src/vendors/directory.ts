import { Type } from "@sinclair/typebox";
import type { Bilingual } from "./descriptor.js";

/** The support handbook (vendor-docs 000): every vendor's contact line, code rule and "no showtimes" checks. */
export const HANDBOOK = "000_dcebf5243af562c0.txt";

const text = (label: Bilingual, max: number) => Type.Optional(Type.String({ maxLength: max, "x-label": label }));

/**
 * The manual record of a cinema at a vendor Cinegate cannot connect to, beyond the codes the cinema row
 * holds (internal code, national code, name): who to call and where the codes came from. Kept in the
 * cinema's settings record (vendor section), so it is versioned and audited like any setting.
 */
export const ManualCinemaRecord = Type.Object(
  {
    cinemaContact: text({ zh: "影院联系人", en: "Cinema contact" }, 50),
    // The cinema's public line (front desk, service), not a person's mobile.
    cinemaPhone: text({ zh: "影院公开电话（前台/客服）", en: "Cinema public phone (front desk / service line)" }, 30),
    // Names and groups only: a person's mobile number does not belong in a record the console shows.
    vendorContact: text({ zh: "系统商对接人及问题群", en: "Vendor contact person and support group" }, 100),
    onboardingEmail: text({ zh: "上线邮件（日期、主题）", en: "Onboarding email (date, subject)" }, 200),
    notes: text({ zh: "备注", en: "Notes" }, 1000),
  },
  { additionalProperties: false },
);

/** The status every directory-only vendor shows: no public interface document. */
export const NO_PUBLIC_DOCS: Bilingual = {
  zh: "未接入：无公开接口文档",
  en: "Not connected: no public interface document",
};
