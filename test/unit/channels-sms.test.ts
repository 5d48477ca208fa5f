import { describe, expect, it } from "vitest";
import { isGsm7, smsSegments } from "@/lib/channels/sms";

describe("smsSegments", () => {
  it("is zero segments for an empty or missing text", () => {
    expect(smsSegments("")).toEqual({ encoding: "GSM-7", segments: 0, characters: 0 });
    expect(smsSegments(null)).toEqual({ encoding: "GSM-7", segments: 0, characters: 0 });
    expect(smsSegments(undefined)).toEqual({ encoding: "GSM-7", segments: 0, characters: 0 });
  });

  it("counts a plain GSM text", () => {
    expect(smsSegments("Hi, is my order 1042 shipped yet?")).toEqual({
      encoding: "GSM-7",
      segments: 1,
      characters: 33,
    });
  });

  it("fits 160 GSM characters in one segment and splits at 153 beyond", () => {
    expect(smsSegments("a".repeat(160))).toMatchObject({ segments: 1, characters: 160 });
    expect(smsSegments("a".repeat(161))).toMatchObject({ segments: 2, characters: 161 });
    expect(smsSegments("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("counts extension characters (€ ^ { } [ ] ~ | \\) as two septets and stays GSM", () => {
    expect(smsSegments("Price: 10€")).toEqual({ encoding: "GSM-7", segments: 1, characters: 11 });
    expect(smsSegments("2^10")).toEqual({ encoding: "GSM-7", segments: 1, characters: 5 });
    expect(smsSegments("{}[]~|\\")).toEqual({ encoding: "GSM-7", segments: 1, characters: 14 });
    expect(smsSegments("€".repeat(80))).toMatchObject({ segments: 1, characters: 160 });
    expect(smsSegments("€".repeat(81))).toMatchObject({ segments: 2, characters: 162 });
  });

  it("does not split an escape sequence across two segments", () => {
    // 152 + 2 + 152 = 306 septets: it would fit two segments of 153 only by splitting the €.
    expect(smsSegments(`${"a".repeat(152)}€${"a".repeat(152)}`)).toMatchObject({
      encoding: "GSM-7",
      segments: 3,
      characters: 306,
    });
  });

  it("keeps accented letters of the GSM set in GSM-7", () => {
    expect(smsSegments("Café à Genève, ñ ü ß Ø Å Δ £ ¥ § ¿ ¡")).toMatchObject({ encoding: "GSM-7" });
    expect(smsSegments("line one\nline two\r\n")).toMatchObject({ encoding: "GSM-7", characters: 19 });
  });

  it("switches to UCS-2 for emoji, counting a surrogate pair as two units", () => {
    expect(smsSegments("Thanks 👍")).toEqual({ encoding: "UCS-2", segments: 1, characters: 9 });
    expect(smsSegments("👍".repeat(35))).toMatchObject({ segments: 1, characters: 70 });
    // 36 emoji = 72 units; 33 fit in the first 67-unit segment without splitting a pair.
    expect(smsSegments("👍".repeat(36))).toMatchObject({ segments: 2, characters: 72 });
  });

  it("fits 70 UCS-2 characters in one segment and splits at 67 beyond", () => {
    expect(smsSegments("你".repeat(70))).toEqual({ encoding: "UCS-2", segments: 1, characters: 70 });
    expect(smsSegments("你".repeat(71))).toMatchObject({ segments: 2 });
    expect(smsSegments("你".repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSegments("你".repeat(135))).toMatchObject({ segments: 3 });
  });

  it("switches to UCS-2 for characters phones insert by themselves", () => {
    expect(smsSegments("I can’t log in")).toMatchObject({ encoding: "UCS-2", characters: 14 }); // curly apostrophe
    expect(smsSegments("naïve")).toMatchObject({ encoding: "UCS-2" });
    expect(smsSegments("Привет")).toMatchObject({ encoding: "UCS-2", segments: 1, characters: 6 });
  });

  it("counts every character as one unit once the text is UCS-2, € included", () => {
    expect(smsSegments("10€ 👍")).toEqual({ encoding: "UCS-2", segments: 1, characters: 6 });
  });
});

describe("isGsm7", () => {
  it.each([
    ["Hello", true],
    ["€^{}", true],
    ["@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ", true],
    ["😀", false],
    ["ç", false],
    ["`", false],
    ["", true],
  ])("%j → %s", (text, expected) => {
    expect(isGsm7(text)).toBe(expected);
  });
});
