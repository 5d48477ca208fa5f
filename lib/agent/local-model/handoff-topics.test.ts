import { describe, expect, it } from "vitest";
import { buildSystemPrompt } from "../prompt";
import { matchHandoffTopic, readHandoffTopics } from "./handoff-topics";
import { runTurn } from "./test-kb";

const TOPICS = ["legal action or lawyer", "refund, chargeback", "cancel my contract"];

describe("handoff topics in the offline model", () => {
  it("reads the topics back from the system prompt the pipeline builds", () => {
    const system = buildSystemPrompt(
      { channel: "email" },
      { instructions: "Be brief.\n## Not a topic list", handoffTopics: TOPICS },
    );
    expect(readHandoffTopics(system)).toEqual(TOPICS);
    expect(readHandoffTopics(buildSystemPrompt({ channel: "email" }))).toEqual([]);
  });

  it.each([
    ["My lawyer will be in touch about this invoice.", "legal action or lawyer", "lawyer"],
    ["We are considering legal action over the outage.", "legal action or lawyer", "legal action"],
    ["Can I get a refund for last month?", "refund, chargeback", "refund"],
    ["I will reimburse myself through my bank", "refund, chargeback", "refund"],
    ["I'd like to cancel the contract we signed", "cancel my contract", "cancel my contract"],
    ["The contract, I want to cancel it", "cancel my contract", "cancel my contract"],
  ])("%s → %s", (words, topic, matched) => {
    expect(matchHandoffTopic(TOPICS, words)).toEqual({ topic, matched });
  });

  it.each([
    "How do I reset my password?",
    "What actions can I take in the legal settings page?",
    "Where is my contract copy?",
  ])("leaves '%s' alone", (words) => {
    expect(matchHandoffTopic(TOPICS, words)).toBeNull();
  });

  it("hands a matching question off as a prohibited topic instead of answering it", async () => {
    const question = "Customer: How long does delivery take? Also I want a refund for my last order.";
    const without = await runTurn({
      system: buildSystemPrompt({ channel: "voice" }),
      messages: [{ role: "user", content: question }],
    });
    // A refund request needs a person even without the topic (the article says refunds need billing approval).
    expect(without.outcome).toMatchObject({ kind: "handoff", reason: "based_on_instructions" });

    const withTopics = await runTurn({
      system: buildSystemPrompt({ channel: "voice" }, { handoffTopics: ["refund"] }),
      messages: [{ role: "user", content: question }],
    });
    expect(withTopics.outcome).toMatchObject({ kind: "handoff", reason: "prohibited_topic" });
    expect(withTopics.steps[0].reasoningText).toContain('about "refund", one of the team\'s handoff topics');
    expect(withTopics.steps[0].toolCalls.map((call) => call.toolName)).toEqual(["handoff_to_human"]);
  });

  it("still lets an explicit request for a person win", async () => {
    const { outcome } = await runTurn({
      system: buildSystemPrompt({ channel: "email" }, { handoffTopics: ["refund"] }),
      messages: [{ role: "user", content: "Please let me talk to a real person about my refund." }],
    });
    expect(outcome).toMatchObject({ kind: "handoff", reason: "user_requested_human_assistance" });
  });
});
