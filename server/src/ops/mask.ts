/**
 * Console views never carry a full mobile number: support staff confirm a buyer by the last
 * four digits ("138****1234"), which is all they need and all a screenshot may leak.
 */
export function maskMobile(mobile: string | null | undefined): string | undefined {
  if (!mobile) return undefined;
  const digits = mobile.replace(/\D/g, "");
  if (digits.length < 7) return "****";
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
