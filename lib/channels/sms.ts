/** How many SMS segments a text costs (GSM 03.38 for plain text, UCS-2 as soon as one character is not GSM). */

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegments {
  encoding: SmsEncoding;
  segments: number;
  /** Length in the encoding's units: GSM septets (extension characters count 2) or UTF-16 code units. */
  characters: number;
}

/** The GSM 03.38 basic character set; ESC (0x1B) itself is not something a user types. */
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** The extension table: sent as ESC + character, so each costs two septets. */
const GSM_EXTENSION = new Set("^{}\\[~]|€\f");

const LIMITS: Record<SmsEncoding, { single: number; multipart: number }> = {
  // A multipart message gives up room in each segment for the concatenation header.
  "GSM-7": { single: 160, multipart: 153 },
  "UCS-2": { single: 70, multipart: 67 },
};

function unitCost(char: string, encoding: SmsEncoding): number {
  if (encoding === "UCS-2") return char.length; // an emoji outside the BMP is a surrogate pair
  return GSM_EXTENSION.has(char) ? 2 : 1;
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) return false;
  return true;
}

/**
 * Segments a text needs. Multipart segments are filled greedily without splitting a character: phones do
 * not split an escape sequence or a surrogate pair across two segments.
 */
export function smsSegments(text: string | null | undefined): SmsSegments {
  const value = text ?? "";
  const encoding: SmsEncoding = isGsm7(value) ? "GSM-7" : "UCS-2";
  const costs = Array.from(value, (char) => unitCost(char, encoding));
  const characters = costs.reduce((sum, cost) => sum + cost, 0);
  const limits = LIMITS[encoding];
  if (characters === 0) return { encoding, segments: 0, characters };
  if (characters <= limits.single) return { encoding, segments: 1, characters };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.multipart) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, characters };
}
