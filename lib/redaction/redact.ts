/**
 * Redaction before any text reaches a model: payment card numbers (Luhn-checked, so order numbers survive),
 * national identity numbers, bank accounts (IBAN with its checksum, US routing + account), and any extra patterns
 * a team configures. Each match is replaced by a labelled placeholder the model can still reason about.
 */

export type RedactionKind = "card_number" | "national_id" | "bank_account" | "custom";

export interface Redaction {
  kind: RedactionKind;
  /** What the placeholder says, e.g. "[card number ending 4242]". */
  placeholder: string;
}

export interface RedactionResult {
  text: string;
  redactions: Redaction[];
}

export interface CustomPattern {
  name: string;
  /** A regular expression source, matched case-insensitively. */
  pattern: string;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** IBAN mod-97 check (ISO 13616). */
export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** ABA routing number checksum (3-7-1 weights). */
function routingValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return digits.split("").reduce((sum, digit, index) => sum + Number(digit) * weights[index], 0) % 10 === 0;
}

interface Rule {
  kind: RedactionKind;
  pattern: RegExp;
  /** Returns the placeholder, or null when the match is not really sensitive (e.g. fails its checksum). */
  replace: (match: string) => string | null;
}

const RULES: Rule[] = [
  {
    kind: "bank_account",
    pattern: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/gi,
    replace: (match) =>
      ibanValid(match)
        ? `[bank account ${match.replace(/\s+/g, "").slice(0, 2).toUpperCase()}…${match.replace(/\s+/g, "").slice(-4)}]`
        : null,
  },
  {
    kind: "card_number",
    pattern: /\b(?:\d[ -]?){12,18}\d\b/g,
    replace: (match) => {
      const digits = match.replace(/\D/g, "");
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits)
        ? `[card number ending ${digits.slice(-4)}]`
        : null;
    },
  },
  {
    kind: "bank_account",
    // "routing 021000021 account 123456789": a US routing number (checksummed) followed by an account number.
    pattern:
      /\brouting(?: number)?[:#\s]*(\d{9})\b[\s,;]*(?:and\s+)?(?:account|acct)(?: number| no\.?)?[:#\s]*(\d{4,17})\b/gi,
    replace: (match) => {
      const [routing, account] = match.match(/\d{4,}/g) ?? [];
      return routing && account && routingValid(routing) ? `[bank account ending ${account.slice(-4)}]` : null;
    },
  },
  {
    kind: "bank_account",
    pattern: /\b(?:account|acct)(?: number| no\.?)?[:#\s]+(\d{8,17})\b/gi,
    replace: (match) => `[bank account ending ${match.replace(/\D/g, "").slice(-4)}]`,
  },
  {
    kind: "national_id",
    // US social security number, with separators (bare 9 digits are too often something else).
    pattern: /\b(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}\b/g,
    replace: () => "[national id]",
  },
  {
    kind: "national_id",
    // UK National Insurance number.
    pattern: /\b(?![DFIQUV])[A-Z](?![DFIQUVO])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    replace: () => "[national id]",
  },
  {
    kind: "national_id",
    // Stated explicitly: "SSN 123456789", "social security number: …", "passport number X1234567".
    pattern:
      /\b(?:ssn|social security(?: number)?|passport(?: number| no\.?)?|national id(?: number)?|tax id)[:#\s]+[A-Z0-9-]{6,14}\b/gi,
    replace: (match) => `${match.split(/[:#\s]+/)[0]} [national id]`,
  },
];

/** Redacts sensitive numbers (and the team's extra patterns) from text bound for a model. */
export function redactForModel(text: string, custom: CustomPattern[] = []): RedactionResult {
  const redactions: Redaction[] = [];
  let result = text;
  const rules: Rule[] = [
    ...RULES,
    ...custom.flatMap((entry): Rule[] => {
      try {
        return [{ kind: "custom", pattern: new RegExp(entry.pattern, "gi"), replace: () => `[${entry.name}]` }];
      } catch {
        return [];
      }
    }),
  ];
  for (const rule of rules) {
    result = result.replace(rule.pattern, (match) => {
      const placeholder = rule.replace(match);
      if (placeholder === null) return match;
      redactions.push({ kind: rule.kind, placeholder });
      return placeholder;
    });
  }
  return { text: result, redactions };
}
