import type {
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";
import { tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FIXTURES } from "./agent-cases";
import { createLocalModel, OFFLINE_MODEL_LABEL } from "./index";
import { ARTICLES, handoffToHuman, runTurn, searchArticles, searchKnowledgeBase, SYSTEM } from "./test-kb";
import { HANDOFF_REASONS } from "./tools";

const FUNCTION_TOOLS: LanguageModelV3FunctionTool[] = [
  {
    type: "function",
    name: "search_knowledge_base",
    inputSchema: {
      type: "object",
      properties: { query: { type: "string", minLength: 1 } },
      required: ["query"],
      additionalProperties: false,
    },
  },
  {
    type: "function",
    name: "handoff_to_human",
    inputSchema: {
      type: "object",
      properties: {
        reason: { type: "string", enum: [...HANDOFF_REASONS] },
        summary: { type: "string", minLength: 1 },
        sentiment: { type: "string", enum: ["angry", "frustrated", "neutral", "positive"] },
      },
      required: ["reason", "summary", "sentiment"],
    },
  },
];

function call(
  prompt: LanguageModelV3Prompt,
  extra: Partial<LanguageModelV3CallOptions> = {},
): LanguageModelV3CallOptions {
  return { prompt, tools: FUNCTION_TOOLS, ...extra };
}

const firstTurn = (text: string, system = SYSTEM.voice): LanguageModelV3Prompt => [
  { role: "system", content: system },
  { role: "user", content: [{ type: "text", text }] },
];

/** The prompt generateText builds for step 2: the search call and its JSON result after the user turn. */
function afterSearch(text: string, query: string, output: "json" | "text" = "json"): LanguageModelV3Prompt {
  const value = { results: searchArticles(query) };
  return [
    ...firstTurn(text),
    {
      role: "assistant",
      content: [{ type: "tool-call", toolCallId: "call_1", toolName: "search_knowledge_base", input: { query } }],
    },
    {
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: "call_1",
          toolName: "search_knowledge_base",
          output: output === "json" ? { type: "json", value } : { type: "text", value: JSON.stringify(value) },
        },
      ],
    },
  ];
}

async function readAll(stream: ReadableStream<LanguageModelV3StreamPart>): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  return parts;
}

describe("createLocalModel: the LanguageModelV3 contract", () => {
  it("names itself", () => {
    const model = createLocalModel();
    expect(model).toMatchObject({
      specificationVersion: "v3",
      provider: "frontline.offline",
      modelId: "offline",
      supportedUrls: {},
    });
    expect(OFFLINE_MODEL_LABEL).toBe("Offline model (built-in, no network)");
  });

  it("doGenerate step 1: reasoning, then a JSON-encoded tool call, finish tool-calls, usage and no warnings", async () => {
    const result = await createLocalModel().doGenerate(call(firstTurn(FIXTURES.handoffCall)));
    expect(result.content.map((p) => p.type)).toEqual(["reasoning", "tool-call"]);
    expect(result.content[0]).toEqual({
      type: "reasoning",
      text: 'The caller asks for a person ("talk to a real person") and sounds frustrated (sentiment -6: charged twice, three times, ridiculous). Handing off to a teammate.',
    });
    const toolCall = result.content[1];
    if (toolCall.type !== "tool-call") throw new Error("expected a tool call");
    expect(toolCall.toolName).toBe("handoff_to_human");
    expect(JSON.parse(toolCall.input)).toEqual({
      reason: "user_requested_human_assistance",
      summary:
        "Customer was charged twice for their March invoice and they have called three times already, and asked to speak to a real person. Next: a teammate to reply or call on +14155550123.",
      sentiment: "frustrated",
    });
    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "tool_calls" });
    expect(result.warnings).toEqual([]);
    const promptChars = SYSTEM.voice.length + FIXTURES.handoffCall.length;
    expect(result.usage.inputTokens).toEqual({
      total: Math.ceil(promptChars / 4),
      noCache: Math.ceil(promptChars / 4),
      cacheRead: 0,
      cacheWrite: 0,
    });
    const { total, text, reasoning } = result.usage.outputTokens;
    expect(text! + reasoning!).toBe(total);
    expect(reasoning).toBeGreaterThan(10);
  });

  it.each(["json", "text"] as const)(
    "doGenerate step 2 reads a %s tool result and answers with text, finish stop",
    async (output) => {
      const result = await createLocalModel().doGenerate(
        call(afterSearch(FIXTURES.passwordVoicemail, "reset password", output)),
      );
      expect(result.content.map((p) => p.type)).toEqual(["reasoning", "text"]);
      expect(result.finishReason.unified).toBe("stop");
      const reasoning = result.content[0].type === "reasoning" ? result.content[0].text : "";
      expect(reasoning).toMatch(/^Article 'Resetting your password' \(score [\d.]+\) matches reset, password, email/);
      const text = result.content[1].type === "text" ? result.content[1].text : "";
      expect(text).toMatch(/^Hi Sam, thanks for your voicemail\./);
      expect(text).toContain("check your spam or junk folder");
      expect(text).toContain("From our help article: Resetting your password");
      // A short article goes whole: the detail a customer needs may share few words with their question.
      expect(text).toContain("You can request a new link after five minutes");
    },
  );

  it("gives every tool call a unique id, or the ids from options.generateId", async () => {
    const model = createLocalModel();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const r = await model.doGenerate(call(firstTurn("Agent!")));
      for (const p of r.content) if (p.type === "tool-call") ids.add(p.toolCallId);
    }
    expect(ids.size).toBe(5);
    let n = 0;
    const counted = createLocalModel({ generateId: () => `id${++n}` });
    const r = await counted.doGenerate(call(firstTurn("Agent!")));
    expect(r.content.find((p) => p.type === "tool-call")).toMatchObject({ toolCallId: "call_id1" });
  });

  it("doStream emits the same content as stream parts, in order", async () => {
    const model = createLocalModel({ generateId: () => "x" });
    const generated = await model.doGenerate(call(firstTurn(FIXTURES.passwordVoicemail)));
    const parts = await readAll((await model.doStream(call(firstTurn(FIXTURES.passwordVoicemail)))).stream);
    const types = parts.map((p) => p.type).filter((t, i, all) => t !== all[i - 1]);
    expect(types).toEqual([
      "stream-start",
      "response-metadata",
      "reasoning-start",
      "reasoning-delta",
      "reasoning-end",
      "tool-input-start",
      "tool-input-delta",
      "tool-input-end",
      "tool-call",
      "finish",
    ]);
    const reasoning = parts.flatMap((p) => (p.type === "reasoning-delta" ? [p.delta] : [])).join("");
    expect(generated.content[0]).toEqual({ type: "reasoning", text: reasoning });
    expect(parts.find((p) => p.type === "tool-call")).toEqual(generated.content[1]);
    expect(parts.at(-1)).toEqual({ type: "finish", usage: generated.usage, finishReason: generated.finishReason });
  });

  it("does not call tools it is not offered", async () => {
    const model = createLocalModel();
    const none = await model.doGenerate(
      call(firstTurn("How do I reset my password?"), { toolChoice: { type: "none" } }),
    );
    expect(none.content.map((p) => p.type)).toEqual(["reasoning", "text"]);
    const noTools = await model.doGenerate({ prompt: firstTurn("I want a real person") });
    expect(noTools.content[1]).toMatchObject({
      type: "text",
      text: expect.stringContaining("passing this to a teammate"),
    });
    expect(noTools.finishReason.unified).toBe("stop");
  });

  it("falls back to text when the offered schema would reject its input", async () => {
    const strict: LanguageModelV3FunctionTool = {
      type: "function",
      name: "handoff_to_human",
      inputSchema: {
        type: "object",
        properties: { reason: { type: "string", enum: ["error"] } },
        required: ["reason", "summary", "sentiment"],
      },
    };
    const result = await createLocalModel().doGenerate({ prompt: firstTurn("Agent!"), tools: [strict] });
    expect(result.content.map((p) => p.type)).toEqual(["reasoning", "text"]);
  });

  it("rejects when the call is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      createLocalModel().doGenerate(call(firstTurn("Agent!"), { abortSignal: controller.signal })),
    ).rejects.toThrow();
  });
});

describe("createLocalModel inside the agent loop", () => {
  it("hands off with insufficient_tools when it cannot search", async () => {
    const { outcome } = await runTurn({
      system: SYSTEM.email,
      messages: [{ role: "user", content: "How do I reset my password?" }],
      tools: { handoff_to_human: handoffToHuman },
    });
    expect(outcome).toMatchObject({ kind: "handoff", reason: "insufficient_tools" });
  });

  it("replies in text when it has no tools at all", async () => {
    const { outcome, steps } = await runTurn({
      system: SYSTEM.email,
      messages: [{ role: "user", content: "Agent!" }],
      tools: {},
    });
    expect(steps).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: "reply", text: expect.stringContaining("teammate") });
  });

  it("hands off with reason error when the search tool fails", async () => {
    const failing = tool({
      inputSchema: z.object({ query: z.string() }),
      execute: async (): Promise<{ results: typeof ARTICLES }> => {
        throw new Error("database is down");
      },
    });
    const { outcome, steps } = await runTurn({
      system: SYSTEM.email,
      messages: [{ role: "user", content: "How do I reset my password?" }],
      tools: { search_knowledge_base: failing, handoff_to_human: handoffToHuman },
    });
    expect(outcome).toMatchObject({ kind: "handoff", reason: "error", sentiment: "neutral" });
    expect(steps[1].reasoningText).toContain("database is down");
  });

  it("does not repeat an article the customer already got, and hands off", async () => {
    const first = await runTurn({
      system: SYSTEM.email,
      messages: [{ role: "user", content: "How do I reset my password?" }],
    });
    const { outcome } = await runTurn({
      system: SYSTEM.email,
      messages: [
        { role: "user", content: "How do I reset my password?" },
        { role: "assistant", content: first.result.text },
        { role: "user", content: "I tried that, the reset email still doesn't work." },
      ],
    });
    expect(outcome).toMatchObject({ kind: "handoff", reason: "insufficient_knowledge" });
  });

  it("summarises the earlier issue when a later turn just asks for a person", async () => {
    const { outcome } = await runTurn({
      system: SYSTEM.email,
      messages: [
        { role: "user", content: "Is your API compatible with SAP?" },
        { role: "assistant", content: "Let me check." },
        { role: "user", content: "Can I just talk to someone?" },
      ],
    });
    expect(outcome).toEqual({
      kind: "handoff",
      reason: "user_requested_human_assistance",
      sentiment: "neutral",
      summary:
        "Customer asked is our API compatible with SAP, and asked to speak to a person. Next: a teammate to reply.",
    });
  });

  it("answers a plain thank-you without tools", async () => {
    const { outcome, steps } = await runTurn({
      system: SYSTEM.sms,
      messages: [{ role: "user", content: "Thanks, that worked!" }],
    });
    expect(steps).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: "reply", text: expect.stringContaining("glad that helped") });
  });

  it("uses the search tool's own results (sanity check of the canned KB)", async () => {
    expect(searchArticles("reset password")[0].title).toBe("Resetting your password");
    expect(await searchKnowledgeBase.execute!({ query: "zzz" }, { toolCallId: "t", messages: [] })).toEqual({
      results: [],
    });
  });
});
