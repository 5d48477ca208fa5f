import { describe, expect, it } from "vitest";
import { FIXTURES } from "../agent/local-model/agent-cases";
import { scoreSentiment } from "./sentiment";

describe("scoreSentiment", () => {
  it.each([
    ["How do I reset my password?", "neutral"],
    ["Thanks so much, you guys are great!", "positive"],
    ["I love this app, it works perfectly", "positive"],
    ["No problem, thank you!", "neutral"],
    ["I'm a bit annoyed", "neutral"],
    ["I'm annoyed, this still doesn't work", "frustrated"],
    ["This is ridiculous", "frustrated"],
    ["I'm so angry", "angry"],
    ["I'm furious", "angry"],
    ["This is the worst service ever, absolutely unacceptable and incompetent", "angry"],
    ["THIS IS RIDICULOUS!!! FIX IT NOW", "angry"],
    ["Best regards, Sam", "neutral"],
  ] as const)("%s -> %s", (text, label) => {
    expect(scoreSentiment(text).label).toBe(label);
  });

  it("rates the fixture call frustrated from the customer's own words", () => {
    expect(scoreSentiment(FIXTURES.handoffCall)).toEqual({
      label: "frustrated",
      score: -6,
      matched: ["charged twice", "three times", "ridiculous"],
    });
  });

  it("rates the fixture voicemail neutral", () => {
    expect(scoreSentiment(FIXTURES.passwordVoicemail).label).toBe("neutral");
  });

  it("flips and damps negated words", () => {
    expect(scoreSentiment("I am happy").score).toBeGreaterThan(0);
    expect(scoreSentiment("I am not happy").score).toBeLessThan(0);
    expect(scoreSentiment("That is not bad").score).toBeGreaterThan(0);
    expect(scoreSentiment("The answer was never helpful").score).toBeLessThan(0);
  });

  it("strengthens words after an intensifier or in capitals", () => {
    const plain = scoreSentiment("I am angry").score;
    expect(scoreSentiment("I am really angry").score).toBeLessThan(plain);
    expect(scoreSentiment("I am ANGRY").score).toBeLessThan(plain);
    expect(scoreSentiment("I am really angry").matched).toEqual(["really angry"]);
  });

  it("counts repeated exclamation marks and shouting in the message's direction", () => {
    expect(scoreSentiment("My order is late!!!").score).toBeLessThan(scoreSentiment("My order is late.").score);
    expect(scoreSentiment("My order is late!!!").matched).toContain("!!!");
    expect(scoreSentiment("Thank you so much!!!").score).toBeGreaterThan(scoreSentiment("Thank you so much.").score);
    expect(scoreSentiment("WHERE IS MY ORDER").matched).toContain("ALL CAPS");
    // Acronyms are not shouting.
    expect(scoreSentiment("My PIN and SMS code for the API").matched).toEqual([]);
  });

  it("ignores agent and AI lines in a transcript", () => {
    const text =
      "Call transcript (0m40s)\nAgent: Sorry, that sounds terrible and frustrating.\nCustomer: Thanks, that's great.";
    expect(scoreSentiment(text).label).toBe("positive");
    expect(scoreSentiment(text).matched).not.toContain("terrible");
  });

  it("reports the words that moved the score", () => {
    expect(scoreSentiment("I was overcharged and the support was useless").matched).toEqual(["overcharged", "useless"]);
  });
});
