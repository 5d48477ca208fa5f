/** One key per customer handle, so "(415) 555-0123" on a call and "+14155550123" on an SMS are one contact. */

export type HandleKind = "phone" | "email" | "other";

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
/** Digits with the separators people and phone systems write: spaces, dashes, dots, slashes, parentheses. */
const PHONE = /^\+?[\d\s().\/-]+$/;

/** Drops "tel:", "mailto:" and the like, and "Sam Lee <sam@x.example>" down to the address. */
function unwrap(handle: string): string {
  let value = handle
    .trim()
    .replace(/^(tel|mailto|sms|callto|whatsapp):\/{0,2}/i, "")
    .trim();
  const angled = value.match(/<([^<>]+)>\s*$/);
  if (angled) value = angled[1].trim();
  // mailto: links can carry "?subject=…".
  if (value.includes("@")) value = value.replace(/\?.*$/, "");
  return value;
}

/** The phone number as "+" and digits, or null when the handle is not a phone number. */
function phoneKey(value: string): string | null {
  // "+44 (0) 20 7946 0958": the (0) is the trunk prefix dialled only inside the country.
  const withoutTrunk = /^(\+|00)/.test(value) ? value.replace(/\(0\)/g, "") : value;
  if (!PHONE.test(withoutTrunk)) return null;
  let digits = withoutTrunk.replace(/\D/g, "");
  if (withoutTrunk.startsWith("+")) return digits.length >= 7 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.length < 7 || digits.length > 17) return null;
  if (digits.startsWith("00")) digits = digits.slice(2);
  else if (digits.startsWith("0"))
    return digits; // national format ("020 7946 0958"): the country is unknown
  else if (digits.length === 10 && /^[2-9]/.test(digits)) digits = `1${digits}`; // North American without +1
  return digits.length >= 7 && digits.length <= 15 ? `+${digits}` : null;
}

export function handleKind(handle: string | null | undefined): HandleKind {
  const value = unwrap(handle ?? "");
  if (EMAIL.test(value)) return "email";
  if (phoneKey(value)) return "phone";
  return "other";
}

/**
 * How a handle is shown: a phone number always as "+" and digits ("+1 (415) 555-0123", "tel:+14155550123" and
 * "+14155550123" all read "+14155550123", as Front and the Inbox search write it), so one caller never appears in
 * two spellings; a national number whose country is unknown, an email or anything else, as written (trimmed).
 */
export function displayHandle(handle: string | null | undefined): string {
  const value = unwrap(handle ?? "");
  if (EMAIL.test(value)) return (handle ?? "").trim();
  const phone = phoneKey(value);
  return phone?.startsWith("+") ? phone : (handle ?? "").trim();
}

/**
 * A key that matches the same contact across sessions and channels: phone numbers as E.164-ish "+digits",
 * emails lower-cased, anything else (a chat id, a social handle) trimmed and lower-cased.
 */
export function normalizeHandle(handle: string | null | undefined): string {
  const value = unwrap(handle ?? "");
  if (EMAIL.test(value)) return value.toLowerCase();
  return phoneKey(value) ?? (handle ?? "").trim().toLowerCase();
}
