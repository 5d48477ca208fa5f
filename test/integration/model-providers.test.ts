import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { streamText, tool } from "ai";
import { z } from "zod";
import { createModel } from "@/lib/agent/model";
import { runAgent } from "@/lib/agent/run";
import { handoffToHumanTool } from "@/lib/agent/tools/handoff-to-human";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";

// The hosted-model path through the real @ai-sdk provider, against a local OpenAI-compatible server.
describe("an OpenAI-compatible model over real HTTP", () => {
  let standIn: OpenAIStandIn;
  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
  });
  afterEach(() => {
    standIn.requests.length = 0;
  });
  afterAll(async () => {
    await standIn.close();
  });

  const model = () => createModel({ model: "openai-compatible:support-model", baseUrl: standIn.url, apiKey: "sk-local-test" });
  const searchTool = tool({
    description: "Search the knowledge base",
    inputSchema: z.object({ query: z.string() }),
    execute: async ({ query }) => ({ results: [{ articleId: "a1", title: "Resetting your password", content: `About ${query}: use Forgot password.`, score: 0.9 }] }),
  });

  it("runs the tool loop and ends in a handoff whose structured input is checked with zod", async () => {
    standIn.script(
      { kind: "tool_call", name: "search_knowledge_base", arguments: { query: "refund twice" } },
      { kind: "tool_call", name: "handoff_to_human", arguments: { reason: "insufficient_knowledge", summary: "Customer was charged twice and wants a refund.", sentiment: "frustrated" } },
    );
    const steps: unknown[] = [];
    const result = await runAgent({
      model: model(),
      system: "You are a support agent.",
      messages: [{ role: "user", content: "I was charged twice, refund me." }],
      tools: { search_knowledge_base: searchTool, handoff_to_human: handoffToHumanTool() },
      onSteps: async (rows) => void steps.push(...rows),
    });
    expect(result.outcome).toEqual({ kind: "handoff", reason: "insufficient_knowledge", summary: "Customer was charged twice and wants a refund.", sentiment: "frustrated" });
    expect(result.inputTokens).toBe(200);
    expect(standIn.requests).toHaveLength(2);
    expect(standIn.requests[0].authorization).toBe("Bearer sk-local-test");
    expect(standIn.requests[0].body.model).toBe("support-model");
    expect(standIn.requests[0].body.tools?.map((definition) => definition.function.name).sort()).toEqual(["handoff_to_human", "search_knowledge_base"]);
    // The tool's result went back to the model on the wire.
    const toolMessage = standIn.requests[1].body.messages.find((message) => message.role === "tool");
    expect(String(toolMessage?.content)).toContain("Resetting your password");
    expect(steps).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "tool_call", toolName: "search_knowledge_base" })]));
  });

  it("answers in text when the model replies without tools", async () => {
    standIn.script({ kind: "text", text: "Use Forgot password on the sign-in page." });
    const result = await runAgent({
      model: model(),
      system: "s",
      messages: [{ role: "user", content: "How do I reset my password?" }],
      tools: { handoff_to_human: handoffToHumanTool() },
    });
    expect(result.outcome).toMatchObject({ kind: "reply", text: "Use Forgot password on the sign-in page." });
  });

  it("streams text and tool calls", async () => {
    standIn.script({ kind: "tool_call", name: "search_knowledge_base", arguments: { query: "password" } }, { kind: "text", text: "Here is how to reset your password." });
    const stream = streamText({ model: model(), prompt: "reset password?", tools: { search_knowledge_base: searchTool }, stopWhen: () => false, maxRetries: 0 });
    const text = await stream.text;
    const steps = await stream.steps;
    expect(standIn.requests.every((request) => request.body.stream === true)).toBe(true);
    expect(text).toBe("Here is how to reset your password.");
    expect(steps[0].toolCalls[0]).toMatchObject({ toolName: "search_knowledge_base", input: { query: "password" } });
  });

  it("retries a server error, then fails with the server's message", async () => {
    standIn.script({ kind: "error", status: 500, message: "overloaded" }, { kind: "error", status: 500, message: "overloaded" }, { kind: "error", status: 500, message: "overloaded" });
    await expect(
      runAgent({ model: model(), system: "s", messages: [{ role: "user", content: "hi" }], tools: { handoff_to_human: handoffToHumanTool() } }),
    ).rejects.toThrow(/overloaded/);
    expect(standIn.requests).toHaveLength(3);
  });

  it("does not retry a refused key", async () => {
    standIn.script({ kind: "error", status: 401, message: "invalid api key" });
    await expect(
      runAgent({ model: model(), system: "s", messages: [{ role: "user", content: "hi" }], tools: { handoff_to_human: handoffToHumanTool() } }),
    ).rejects.toThrow(/invalid api key/);
    expect(standIn.requests).toHaveLength(1);
  });

  it("gives up on a model that does not answer within the run's time limit", async () => {
    standIn.script({ kind: "hang" }, { kind: "hang" }, { kind: "hang" });
    const started = Date.now();
    await expect(
      runAgent({ model: model(), system: "s", messages: [{ role: "user", content: "hi" }], tools: { handoff_to_human: handoffToHumanTool() }, timeoutMs: 500 }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
