import type { Pickup } from "../../domain/trade.js";

/**
 * Pickup codes (§3.9 CompleteOrder, §3.14 SarftKioskService). At the cinema's 广电 kiosk the buyer's
 * 取票序号 `print_no` is VistaBookingNumber left-padded with zeros to 16 digits, and the 验证码 is
 * VistaBookingId (the kiosk sends its MD5, unpadded). So: printCode = the padded booking number,
 * verifyCode = the booking id. (§3.9's table calls VistaBookingId 取票码 and VistaBookingNumber 验证码,
 * §3.11's table the other way round; §3.14 is what the kiosk actually checks.)
 */
export function printNumber(bookingNumber: string | number): string {
  return String(bookingNumber).trim().padStart(16, "0");
}

export function toPickup(bookingId: string, bookingNumber: string): Pickup {
  const printCode = printNumber(bookingNumber);
  return {
    printCode,
    verifyCode: bookingId,
    instructions: `影城自助取票机输入取票号 ${printCode} 与验证码 ${bookingId};或在影城前台凭订单号 ${bookingId} 取票`,
  };
}
