import type { Cinema, MemberCard, MemberCardGrade } from "../core/dataset-types.js";
import type { Rng } from "./random.js";

const gradeSeeds = [
  { name: "普通储值卡", discount: 0.9, minRechargeFen: 10_000 },
  { name: "金卡", discount: 0.8, minRechargeFen: 50_000 },
  { name: "钻石卡", discount: 0.7, minRechargeFen: 100_000 },
] as const;

const mobilePrefixes = ["138", "139", "186", "158", "177", "135"] as const;

/** The password of every cinema's first card, so demos can pay by card without looking anything up. */
export const DEMO_CARD_PASSWORD = "123456";

export function buildGrades(cinema: Cinema): MemberCardGrade[] {
  return gradeSeeds.map((g, i) => ({ id: `${cinema.id}-g${i + 1}`, cinemaId: cinema.id, ...g }));
}

/**
 * One card per grade. Card numbers are 10 digits derived from the cinema's position so they are
 * unique across the whole data set without a lookup.
 */
export function buildCards(rng: Rng, cinema: Cinema, cinemaIndex: number, grades: MemberCardGrade[]): MemberCard[] {
  return grades.map((grade, k) => ({
    cardNo: String(1_000_000_000 + cinemaIndex * 10 + k),
    cinemaId: cinema.id,
    gradeId: grade.id,
    password: k === 0 ? DEMO_CARD_PASSWORD : rng.digits(6),
    balanceFen: k === 0 ? 50_000 : rng.int(0, 200) * 500,
    mobile: rng.pick(mobilePrefixes) + rng.digits(8),
  }));
}
