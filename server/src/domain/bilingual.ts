/** A text shown to people, in both console languages (Simplified Chinese first). */
export interface Bilingual {
  zh: string;
  en: string;
}
