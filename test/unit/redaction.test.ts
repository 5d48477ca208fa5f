import { describe, expect, it } from "vitest";
import { ibanValid, luhnValid, redactForModel } from "@/lib/redaction/redact";

describe("redaction before the model", () => {
  it.each([
    [
      "my card is 4242 4242 4242 4242, expiry 12/27",
      "my card is [card number ending 4242], expiry 12/27",
      "card_number",
    ],
    ["card 4111-1111-1111-1111 please", "card [card number ending 1111] please", "card_number"],
    ["amex 378282246310005", "amex [card number ending 0005]", "card_number"],
    ["IBAN GB82 WEST 1234 5698 7654 32 for the refund", "IBAN [bank account GB…5432] for the refund", "bank_account"],
    ["DE89370400440532013000", "[bank account DE…3000]", "bank_account"],
    ["routing 021000021 account 123456789", "[bank account ending 6789]", "bank_account"],
    ["my account number: 12345678901", "my [bank account ending 8901]", "bank_account"],
    ["SSN 123-45-6789", "SSN [national id]", "national_id"],
    ["NI number AB 12 34 56 C", "NI number [national id]", "national_id"],
    ["passport number X12345678 expired", "passport [national id] expired", "national_id"],
  ])("%s", (input, expected, kind) => {
    const result = redactForModel(input);
    expect(result.text).toBe(expected);
    expect(result.redactions.map((redaction) => redaction.kind)).toContain(kind);
  });

  it.each([
    "order 4411 was due Friday",
    "order number 1234567812345678 is late",
    "call me at +1 415 555 0123",
    "tracking 1Z999AA10123456784",
    "invoice INV-2026-000123 from March",
    "the price was 1,299.00 on 2026-11-02",
    "IBAN GB00 WEST 1234 5698 7654 32 looks wrong",
  ])("leaves %s alone", (input) => {
    expect(redactForModel(input)).toEqual({ text: input, redactions: [] });
  });

  it("applies a team's extra patterns and ignores a broken one", () => {
    const result = redactForModel("member ID ACME-778812 and code 9911", [
      { name: "member id", pattern: "ACME-\\d{6}" },
      { name: "broken", pattern: "(" },
    ]);
    expect(result.text).toBe("member ID [member id] and code 9911");
    expect(result.redactions).toEqual([{ kind: "custom", placeholder: "[member id]" }]);
  });

  it("checks Luhn and IBAN checksums", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4242424242424243")).toBe(false);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("GB82WEST12345698765433")).toBe(false);
  });
});
