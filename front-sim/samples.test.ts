import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HUMAN_TEAMMATE_ID, placeSamples, SAMPLE_CONVERSATIONS, type FrontSimulator } from "./index";
import { startReceiver, startSim, type Receiver } from "../test/helpers/front-sim";

let sim: FrontSimulator;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startSim({ webhookUrl: receiver.url });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe("sample conversations", () => {
  it("cover answers, handoffs and a conversation owned by a human", () => {
    expect(SAMPLE_CONVERSATIONS.length).toBeGreaterThanOrEqual(6);
    expect(SAMPLE_CONVERSATIONS.length).toBeLessThanOrEqual(8);
    const outcomes = SAMPLE_CONVERSATIONS.map((sample) => sample.expected);
    expect(outcomes).toEqual(expect.arrayContaining(["answer", "handoff", "skip"]));
    expect(new Set(SAMPLE_CONVERSATIONS.map((sample) => sample.key)).size).toBe(SAMPLE_CONVERSATIONS.length);
    const texts = SAMPLE_CONVERSATIONS.map((sample) =>
      sample.kind === "call" ? sample.call.text : sample.message.text,
    ).join("\n");
    expect(texts).toMatch(/Customer:/);
    expect(texts).toMatch(/Agent:/);
    expect(texts).toMatch(/Voicemail transcript/);
    expect(texts).toMatch(/Call notes/);
  });

  it("placeSamples creates one conversation each and delivers every inbound event", async () => {
    const placed = await placeSamples(sim);
    expect(placed.map((sample) => sample.key)).toEqual(SAMPLE_CONVERSATIONS.map((sample) => sample.key));
    expect(placed.every((sample) => sample.delivery.status === 200)).toBe(true);
    expect(receiver.deliveries).toHaveLength(SAMPLE_CONVERSATIONS.length);
    const skipped = placed.find((sample) => sample.expected === "skip")!;
    expect(sim.getConversation(skipped.conversationId)?.assigneeId).toBe(HUMAN_TEAMMATE_ID);
    const channels = new Set(sim.listConversations().map((conversation) => conversation.channel));
    expect(channels).toEqual(new Set(["call", "phone-call", "email", "sms"]));
  });
});
