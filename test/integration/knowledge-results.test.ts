import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { KnowledgeResults, parseKnowledgeResults } from "@/components/session/knowledge-results";

// The timeline's view of a search_knowledge_base call: today's passages, and runs recorded before search by chunk.
const CURRENT = {
  results: [
    {
      chunkId: "c1",
      articleId: "a1",
      title: "Gift cards",
      heading: "Expiry",
      position: 3,
      content: "Gift cards never expire.",
      score: 0.7468,
    },
    {
      chunkId: "c2",
      articleId: "a2",
      title: "Refunds",
      heading: null,
      position: 0,
      content: "x".repeat(400),
      score: 0.2,
    },
  ],
};
const BEFORE_CHUNKS = {
  results: [{ articleId: "a3", title: "Resetting your password", content: "Use Forgot password.", score: 0.5 }],
};

describe("knowledge results in the timeline", () => {
  it("reads passages, and whole-article results of older runs with what they have", () => {
    expect(parseKnowledgeResults(CURRENT)).toEqual(CURRENT.results);
    expect(parseKnowledgeResults(BEFORE_CHUNKS)).toEqual([
      {
        chunkId: null,
        articleId: "a3",
        title: "Resetting your password",
        heading: null,
        position: null,
        content: "Use Forgot password.",
        score: 0.5,
      },
    ]);
    expect(parseKnowledgeResults({ results: [] })).toEqual([]);
    expect(parseKnowledgeResults(null)).toBeNull();
    expect(parseKnowledgeResults({ error: "timed out" })).toBeNull();
  });

  it("renders each passage with its article link, heading, score and a clipped snippet", () => {
    const html = renderToStaticMarkup(createElement(KnowledgeResults, { output: CURRENT }));
    expect(html).toContain("2 passages returned");
    expect(html).toContain('href="/settings/knowledge/a1"');
    expect(html).toContain("Expiry");
    expect(html).toContain("Passage 4");
    expect(html).toContain("Score 0.75");
    expect(html).toContain(`${"x".repeat(239)}…`);
    expect(html).not.toContain("x".repeat(241));
  });

  it("renders an older run's results without chunk fields, and nothing for a failed call", () => {
    const html = renderToStaticMarkup(createElement(KnowledgeResults, { output: BEFORE_CHUNKS }));
    expect(html).toContain("1 passage returned");
    expect(html).toContain("Resetting your password");
    expect(html).not.toContain("Passage ");
    expect(renderToStaticMarkup(createElement(KnowledgeResults, { output: { results: [] } }))).toContain(
      "No passages matched",
    );
    expect(renderToStaticMarkup(createElement(KnowledgeResults, { output: null }))).toBe("");
  });
});
