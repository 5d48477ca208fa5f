import { describe, expect, it } from "vitest";
import { buildSystemPrompt } from "../prompt";
import { scoreSentiment } from "../../text-analysis/sentiment";
import { summarize } from "../../text-analysis/summary";
import { runTurn } from "./test-kb";

/** The problems found by trying the demo, each pinned down. */
describe("issue fixes: sentiment", () => {
  it("reads 'done with the robot, put a manager on' as negative", () => {
    const text =
      "My internet has been down since Tuesday and nobody has fixed it. I am done with the robot. Put a manager or any live agent on, now.";
    expect(scoreSentiment(text).label).toBe("frustrated");
  });

  it("does not call a failed payment frustrated", () => {
    expect(scoreSentiment("my payment failed, how do I update my card?").label).toBe("neutral");
  });
});

describe("issue fixes: summaries", () => {
  it("turns 'the card you charge' into 'we charge', not 'us charge'", () => {
    expect(summarize("Hi, I was charged for the card you charge each month. Can you help?")).toBe(
      "Customer was charged for the card we charge each month.",
    );
  });

  it("does not flip English pronouns inside Spanish", () => {
    const summary = summarize("Hola, ¿me devuelven el dinero? Gracias.", {
      facts: { refund: "me devuelven el dinero", reason: "based_on_instructions" },
    });
    expect(summary).toContain('"Hola, ¿me devuelven el dinero?"');
    expect(summary).not.toContain("them devuelven");
  });

  it("leaves no stray punctuation after a question", () => {
    const summary = summarize("Hi, where is my order 58213? How do I track it? Can someone call me back?", {
      contact: "+14155550123",
      facts: { reason: "user_requested_human_assistance" },
    });
    expect(summary).toBe(
      "Customer asked where their order 58213 is. They asked how to track it, and asked for a call back. Next: call them back on +14155550123.",
    );
    expect(summary).not.toMatch(/\?,|\?\./);
  });

  it("drops the HTML and keeps the caller's name and the attachment", () => {
    const summary = summarize(
      "<p>Hi,</p><p>My <b>invoice</b> is wrong, please call me back.</p><p>Attachment: invoice-march.pdf</p>",
      { facts: { reason: "user_requested_human_assistance" } },
    );
    expect(summary).not.toMatch(/<\/?[a-z]/);
    expect(summary).toContain("Attachment: invoice-march.pdf.");
    const named = summarize(
      "Voicemail transcript\nHi, this is Priya Raman from Northwind Dental. Could someone please give me a call back? My cell is 617-555-0182.",
      {
        facts: { reason: "user_requested_human_assistance" },
      },
    );
    expect(named).toContain("Priya Raman");
    expect(named).toContain("Next: call them back on 617-555-0182.");
  });

  it("tells the rep what to do next: the refund to review and its order number", () => {
    const summary = summarize(
      "Voicemail transcript\nHi, it's Owen Price, order A1234. The blender arrived with a cracked jug, so I'd like my money back please.",
      {
        facts: { refund: "I'd like my money back please", reason: "based_on_instructions" },
      },
    );
    expect(summary).toContain("Owen Price");
    expect(summary).toContain("Next: review the refund request for order A1234 (billing approves refunds).");
  });
});

describe("issue fixes: what the articles do not answer", () => {
  it("hands off a refund request the refunds article keeps for a person", async () => {
    const { outcome, steps } = await runTurn({
      system: buildSystemPrompt({ channel: "email" }),
      messages: [{ role: "user", content: "Please refund last month's charge of $39, we didn't use the service." }],
    });
    expect(outcome).toMatchObject({ kind: "handoff", reason: "based_on_instructions" });
    expect(steps.at(-1)?.reasoningText).toContain("asks for money back");
  });

  it("hands off 'Do you ship to Canada?' as insufficient knowledge", async () => {
    const { outcome } = await runTurn({
      system: buildSystemPrompt({ channel: "sms" }),
      messages: [{ role: "user", content: "Do you ship to Canada?" }],
    });
    expect(outcome).toMatchObject({ kind: "handoff", reason: "insufficient_knowledge" });
  });

  it("hands off a request for a person in Spanish, French and German", async () => {
    for (const content of [
      "Quiero hablar con una persona, no con un bot.",
      "Je veux parler à un humain.",
      "Können Sie mich bitte mit einem Kollegen verbinden?",
    ]) {
      const { outcome } = await runTurn({
        system: buildSystemPrompt({ channel: "whatsapp" }),
        messages: [{ role: "user", content }],
      });
      expect(outcome).toMatchObject({ kind: "handoff", reason: "user_requested_human_assistance" });
    }
  });
});

describe("follow-up questions", () => {
  it("answers a new question from its own article, not from the earlier question's", async () => {
    const { outcome } = await runTurn({
      system: buildSystemPrompt({ channel: "sms" }),
      messages: [
        { role: "user", content: "How do I reset my password? The reset email never arrives." },
        {
          role: "assistant",
          content:
            "To reset your password, open the sign-in page and choose Forgot password. From our help article: Resetting your password",
        },
        { role: "user", content: "And what are your opening hours?" },
      ],
    });
    expect(outcome).toMatchObject({ kind: "reply" });
    expect(outcome.kind === "reply" && outcome.text).toContain(
      "From our help article: Opening hours and how to reach us",
    );
  });
});
