import { describe, expect, it } from "vitest";
import { costOf, formatCost } from "@/lib/agent/pricing";
import { articleFromMarkdown, chunkArticle } from "@/lib/knowledge/chunk";

describe("knowledge chunks", () => {
  it("keeps a short article whole", () => {
    expect(chunkArticle("Open Monday to Friday.\n\nClosed on holidays.")).toEqual([
      { position: 0, heading: null, content: "Open Monday to Friday.\n\nClosed on holidays." },
    ]);
  });

  it("splits on headings and paragraphs, carrying the heading", () => {
    const body = [
      "Intro paragraph.",
      "## Refunds",
      "A".repeat(500),
      "B".repeat(500),
      "## Shipping",
      "Ships in a day.",
    ].join("\n\n");
    const chunks = chunkArticle(body);
    expect(chunks.map((chunk) => chunk.heading)).toEqual([null, "Refunds", "Refunds", "Shipping"]);
    expect(chunks[1].content).toBe("A".repeat(500));
    expect(chunks.map((chunk) => chunk.position)).toEqual([0, 1, 2, 3]);
  });

  it("cuts a very long paragraph at sentence ends, never above the limit", () => {
    const chunks = chunkArticle(
      Array.from({ length: 60 }, (_, index) => `Sentence number ${index} says something useful.`).join(" "),
    );
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((chunk) => chunk.content.length <= 1_200)).toBe(true);
    expect(chunks[0].content.endsWith(".")).toBe(true);
  });

  it.each([
    [
      "reset-password.md",
      "# Resetting your password\n\nUse Forgot password.",
      { title: "Resetting your password", body: "Use Forgot password." },
    ],
    [
      "billing.md",
      '---\ntitle: "Billing email"\ntags: billing\n---\n# Ignored heading\nChange it in Settings.',
      { title: "Billing email", body: "# Ignored heading\nChange it in Settings." },
    ],
    ["opening_hours.md", "We open at 8am.", { title: "Opening hours", body: "We open at 8am." }],
  ])("imports %s", (name, markdown, expected) => {
    expect(articleFromMarkdown(name, markdown)).toEqual(expected);
  });
});

describe("token cost", () => {
  it("prices tokens per million and says when a model has no price", () => {
    expect(costOf("openai:gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(0.75);
    expect(costOf("local", { inputTokens: 5000, outputTokens: 100 })).toBe(0);
    expect(costOf("openai-compatible:llama3", { inputTokens: 10, outputTokens: 10 })).toBeNull();
    expect(formatCost(null)).toBe("no price set");
    expect(formatCost(0.0042)).toBe("$0.0042");
    expect(formatCost(0.00001)).toBe("<$0.0001");
    expect(formatCost(1.2)).toBe("$1.20");
  });
});
