import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/markdown";
import { handoffCommentBody } from "@/lib/pipeline/handoff-comment";

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("Markdown (the subset Frontline writes into Front comments)", () => {
  it("renders the handoff comment: bold labels, code, line breaks, paragraphs and the session link", () => {
    const body = handoffCommentBody(
      { summary: "Charged twice in March.", sentiment: "frustrated", reason: "user_requested_human_assistance" },
      "https://frontline.test/inbox/abc",
    );
    expect(render(body)).toBe(
      "<p><strong>Frontline AI handed this conversation to the team.</strong></p>" +
        "<p><strong>Summary:</strong> Charged twice in March.<br/><strong>Sentiment:</strong> Frustrated<br/>" +
        "<strong>Reason:</strong> The customer asked for a person (<code>user_requested_human_assistance</code>)</p>" +
        '<p><a href="https://frontline.test/inbox/abc" target="_blank" rel="noreferrer noopener">Open the session in Frontline</a></p>',
    );
  });

  it("escapes HTML in the text instead of rendering it", () => {
    expect(render('**Summary:** <img src=x onerror="alert(1)"> & <script>alert(2)</script>')).toBe(
      "<p><strong>Summary:</strong> &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;</p>",
    );
  });

  it("links only http(s) and same-site addresses; any other link stays text", () => {
    expect(render("[click](javascript:alert(1))")).toBe("<p>[click](javascript:alert(1))</p>");
    expect(render("[x](//evil.example/a)")).toBe("<p>[x](//evil.example/a)</p>");
    expect(render("[inbox](/inbox?status=failed)")).toBe(
      '<p><a href="/inbox?status=failed" target="_blank" rel="noreferrer noopener">inbox</a></p>',
    );
  });

  it("reads *italic*, leaves lone asterisks and unclosed markers as they are", () => {
    expect(render("an *important* note")).toBe("<p>an <em>important</em> note</p>");
    expect(render("2 * 3 * 4 and **unclosed")).toBe("<p>2 * 3 * 4 and **unclosed</p>");
  });
});
