import { describe, expect, it } from "vitest";
import { contactLabel } from "@/components/format";
import { displayHandle, handleKind, normalizeHandle } from "@/lib/channels/contact";

describe("normalizeHandle", () => {
  it.each([
    // North American numbers in every shape they arrive in
    ["+14155550123", "+14155550123"],
    ["+1 (415) 555-0123", "+14155550123"],
    ["(415) 555-0123", "+14155550123"],
    ["415-555-0123", "+14155550123"],
    ["415.555.0123", "+14155550123"],
    ["4155550123", "+14155550123"],
    ["1 415 555 0123", "+14155550123"],
    ["tel:+1-415-555-0123", "+14155550123"],
    ["TEL:4155550123", "+14155550123"],
    ["  +1 415 555 0123  ", "+14155550123"],
    // International
    ["+44 20 7946 0958", "+442079460958"],
    ["0044 20 7946 0958", "+442079460958"],
    ["+44 (0) 20 7946 0958", "+442079460958"],
    ["+33 1 23 45 67 89", "+33123456789"],
    ["0033 1 23 45 67 89", "+33123456789"],
    ["+49 30 12345678", "+493012345678"],
    ["whatsapp:+447700900123", "+447700900123"],
    // A national number with a trunk 0 has no country to add, so it stays digits
    ["020 7946 0958", "02079460958"],
    // Emails
    ["Sam@Customer.Example", "sam@customer.example"],
    ["  sam@customer.example ", "sam@customer.example"],
    ["mailto:Sam@Customer.Example", "sam@customer.example"],
    ["MAILTO:sam@customer.example?subject=Hi", "sam@customer.example"],
    ["Sam Lee <Sam@Customer.Example>", "sam@customer.example"],
    // Anything else
    ["  U024BE7LH  ", "u024be7lh"],
    ["@SamLee", "@samlee"],
    ["1-800-FLOWERS", "1-800-flowers"],
    ["72345", "72345"],
    ["", ""],
  ])("%j → %j", (handle, expected) => {
    expect(normalizeHandle(handle)).toBe(expected);
  });

  it("gives the same key to one contact's call, SMS and WhatsApp handles", () => {
    const keys = ["(415) 555-0123", "+14155550123", "tel:+1 415-555-0123", "whatsapp:+14155550123"].map(
      normalizeHandle,
    );
    expect(new Set(keys).size).toBe(1);
  });

  it("accepts a missing handle", () => {
    expect(normalizeHandle(null)).toBe("");
    expect(normalizeHandle(undefined)).toBe("");
  });
});

describe("handleKind", () => {
  it.each([
    ["+14155550123", "phone"],
    ["(415) 555-0123", "phone"],
    ["+44 20 7946 0958", "phone"],
    ["0044 20 7946 0958", "phone"],
    ["tel:4155550123", "phone"],
    ["020 7946 0958", "phone"],
    ["sam@customer.example", "email"],
    ["mailto:sam@customer.example", "email"],
    ["Sam <sam@customer.example>", "email"],
    ["sam@localhost", "other"],
    ["U024BE7LH", "other"],
    ["72345", "other"],
    ["+1234", "other"],
    ["1-800-FLOWERS", "other"],
    ["", "other"],
    [null, "other"],
  ])("%j → %s", (handle, kind) => {
    expect(handleKind(handle)).toBe(kind);
  });
});

describe("displayHandle", () => {
  it.each([
    // One caller, however the phone system spelled the number: one way on screen.
    ["+14155550123", "+14155550123"],
    ["+1 (415) 555-0123", "+14155550123"],
    ["(415) 555-0123", "+14155550123"],
    ["tel:+1-415-555-0123", "+14155550123"],
    ["whatsapp:+14155550123", "+14155550123"],
    ["+44 (0) 20 7946 0958", "+442079460958"],
    // A national number whose country is unknown, an email, anything else: as written.
    ["020 7946 0958", "020 7946 0958"],
    ["Sam.Lee@Example.com", "Sam.Lee@Example.com"],
    [" visitor_ab12 ", "visitor_ab12"],
    [null, ""],
  ])("%j → %j", (handle, shown) => {
    expect(displayHandle(handle)).toBe(shown);
  });

  it("is what the Inbox shows for a contact without a name", () => {
    expect(contactLabel({ contactName: null, contactHandle: "+1 (415) 555-0123" })).toBe(
      contactLabel({ contactName: null, contactHandle: "+14155550123" }),
    );
  });
});
