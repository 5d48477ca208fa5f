import { describe, expect, it } from "vitest";
import { FIXTURES } from "../agent/local-model/agent-cases";
import { callerName, extractCustomerWords, transcriptKind } from "./customer-words";
import { detectHumanRequest, detectThreat, findQuestion, isThanksOnly } from "./intent";
import { summarize } from "./summary";

describe("extractCustomerWords", () => {
  it("keeps only the customer's lines of a call transcript, without labels or header", () => {
    expect(extractCustomerWords(FIXTURES.handoffCall)).toBe(
      "Hi, I was charged twice for my March invoice and I've called three times already.\nNo. I want to talk to a real person right now, this is ridiculous.",
    );
  });

  it("drops the voicemail header but keeps 'Quick question:' as the customer's words", () => {
    expect(extractCustomerWords(FIXTURES.passwordVoicemail)).toBe(
      "Hi, this is Sam. Quick question: how do I reset my password? The reset email never arrives. Thanks.",
    );
  });

  it("keeps call notes after their header", () => {
    expect(extractCustomerWords(FIXTURES.deliveryNotes)).toBe("customer asked about delivery times.");
  });

  it("drops quoted email history", () => {
    expect(extractCustomerWords(FIXTURES.billingEmail)).toBe("Hello,\nCan I change the billing email on my account?");
  });

  it("handles Caller:/Rep:/named agents and timestamps", () => {
    const text =
      "Transcript\n[00:01] Caller: My card was declined.\n[00:05] Dana (agent): Let me check.\n[00:09] Rep: Anything else?\nCaller: No, that's it.";
    expect(extractCustomerWords(text)).toBe("My card was declined.\nNo, that's it.");
  });

  it("is idempotent and leaves plain messages alone", () => {
    const once = extractCustomerWords(FIXTURES.handoffCall);
    expect(extractCustomerWords(once)).toBe(once);
    expect(extractCustomerWords("Voicemail isn't working on my phone")).toBe("Voicemail isn't working on my phone");
  });

  it("names the kind of phone message and the caller", () => {
    expect(transcriptKind(FIXTURES.handoffCall)).toBe("call");
    expect(transcriptKind(FIXTURES.passwordVoicemail)).toBe("voicemail");
    expect(transcriptKind(FIXTURES.deliveryNotes)).toBe("call_notes");
    expect(transcriptKind(FIXTURES.billingEmail)).toBe("message");
    expect(callerName(FIXTURES.passwordVoicemail)).toBe("Sam");
    expect(callerName("It's ridiculous")).toBeNull();
  });
});

describe("detectHumanRequest", () => {
  it.each([
    "I want to talk to a real person right now",
    "Can I speak to someone?",
    "Let me talk with a human please",
    "Get me a representative",
    "I need an agent",
    "Put me through to your manager",
    "I'd like to speak with a supervisor",
    "Please call me back",
    "Can someone call me at 415 555 0123?",
    "Operator!",
    "Human please",
    "I don't want a bot, I want a live person",
    "Is there anyone I can talk to?",
    "Transfer me",
    "I'm not happy and I want a manager",
    "I don't want to wait and I need to speak to someone",
  ])("asks for a person: %s", (text) => {
    expect(detectHumanRequest(text).requested).toBe(true);
  });

  it.each([
    "No need to talk to anyone, just tell me how to reset my password",
    "I don't need a human, I just want the opening hours",
    "You don't have to call me back",
    "The agent told me my refund was on its way",
    "I spoke to someone yesterday about my invoice",
    "I want to know why the agent charged me twice",
    "I'm not happy with the rep I spoke to",
    "I get an error when anyone logs in",
    "How do I reset my password?",
  ])("does not ask for a person: %s", (text) => {
    expect(detectHumanRequest(text).requested).toBe(false);
  });

  it("finds the request in the fixture transcript, and ignores the AI line's offer", () => {
    expect(detectHumanRequest(FIXTURES.handoffCall)).toMatchObject({
      requested: true,
      phrase: "talk to a real person",
      kind: "person",
    });
    expect(
      detectHumanRequest(
        "Call transcript\nAgent: Would you like to speak to a manager?\nCustomer: How do I update my card?",
      ).requested,
    ).toBe(false);
  });

  it("reports a negated request and the kind of request", () => {
    expect(detectHumanRequest("No need to talk to anyone, thanks").negatedPhrase).toBe("No need to talk to anyone");
    expect(detectHumanRequest("Please have a manager call me back").kind).toBe("callback");
    expect(detectHumanRequest("I want your supervisor").kind).toBe("manager");
  });
});

describe("detectThreat and findQuestion", () => {
  it("finds threats, not questions about cancelling", () => {
    expect(detectThreat("I'm going to cancel my account if this isn't fixed")?.what).toBe("to cancel");
    expect(detectThreat("I will file a chargeback")?.what).toBe("a chargeback");
    expect(detectThreat("My lawyer will hear about this")?.what).toBe("legal action");
    expect(detectThreat("How do I cancel my subscription?")).toBeNull();
    expect(detectThreat("I'm going to cancel my subscription, how do I do that?")).toBeNull();
    expect(detectThreat("I'm going to switch to annual billing")).toBeNull();
  });

  it("finds the ask: a question, a spoken question, a call note, a problem", () => {
    expect(findQuestion(FIXTURES.passwordVoicemail)).toEqual({ text: "how do I reset my password?", kind: "question" });
    expect(findQuestion("hi so how do I change my card")).toEqual({
      text: "how do I change my card",
      kind: "question",
    });
    expect(findQuestion(FIXTURES.deliveryNotes)).toEqual({ text: "delivery times", kind: "reported" });
    expect(findQuestion("My app keeps crashing when I open reports.")?.kind).toBe("problem");
    expect(findQuestion("Hi it's Sam, just returning your call.")).toBeNull();
    expect(findQuestion("Anyone there? How do I reset my password?")?.text).toBe("How do I reset my password?");
  });

  it("recognises a turn that only thanks us", () => {
    expect(isThanksOnly("Thanks, that worked!")).toBe(true);
    expect(isThanksOnly("Thanks!")).toBe(true);
    expect(isThanksOnly("Hi it's Sam, just returning your call, thanks")).toBe(false);
    expect(isThanksOnly("Thanks, but how do I change my card?")).toBe(false);
  });
});

describe("summarize", () => {
  it.each([
    [
      FIXTURES.handoffCall,
      "Customer was charged twice for their March invoice and they have called three times already, and asked to speak to a real person.",
    ],
    [FIXTURES.passwordVoicemail, "Sam asked how to reset their password. The reset email never arrives."],
    [FIXTURES.deliveryNotes, "Customer asked about delivery times."],
    [FIXTURES.billingEmail, "Customer asked whether they can change the billing email on their account."],
    ["Voicemail transcript\nHi it's Sam, just returning your call.", "Sam is just returning our call."],
    ["Do you ship to Canada?", "Customer asked whether we ship to Canada."],
    [
      "Why was I charged twice? I'm going to file a chargeback.",
      "Customer asked why they were charged twice. They are going to file a chargeback.",
    ],
    ["Agent!", "Customer asked to speak to a person."],
    ["I want a refund, and if I don't get it I'll sue.", "Customer wants a refund, and threatened legal action."],
  ])("%s", (text, summary) => {
    expect(summarize(text)).toBe(summary);
  });

  it("adds a threat the chosen sentences leave out", () => {
    expect(
      summarize(
        "My invoice is wrong and the refund never arrived. Why was I charged for March? Honestly, I'm ready to leave.",
      ),
    ).toBe(
      "Customer says their invoice is wrong and the refund never arrived. They asked why they were charged for March, and threatened to cancel.",
    );
  });

  it("takes the issue from earlier turns when this turn only asks for a person", () => {
    expect(summarize("Can I talk to someone?", { earlier: "My card was charged twice last week." })).toBe(
      "Customer says their card was charged twice last week, and asked to speak to a person.",
    );
  });

  it("stays under 300 characters with no speaker labels", () => {
    const long = `Call transcript (9m00s)\n${Array.from({ length: 12 }, (_, i) => `Customer: I have problem number ${i} with my invoice, the billing page shows the wrong amount and the refund never arrived.\nAgent: I see.`).join("\n")}`;
    const summary = summarize(long);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary).not.toMatch(/Customer:|Agent:/);
  });
});
