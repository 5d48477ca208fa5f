import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { streamText, tool, type LanguageModel } from "ai";
import { z } from "zod";
import { createModel } from "@/lib/agent/model";
import { runAgent } from "@/lib/agent/run";
import { handoffToHumanTool } from "@/lib/agent/tools/handoff-to-human";
import {
  startAnthropicStandIn,
  type AnthropicRequest,
  type AnthropicStandIn,
  type AnthropicTurn,
} from "../helpers/anthropic-stand-in";
import { startOpenAIStandIn, type OpenAIStandIn, type RecordedRequest } from "../helpers/openai-stand-in";

// The hosted-model paths as they ship (lib/agent/model.ts), through the real @ai-sdk provider packages, against
// local stand-ins over real HTTP: the OpenAI Chat Completions wire for `openai:` and `openai-compatible:`, the
// Anthropic Messages wire for `anthropic:`. Non-streaming (what the agent uses) and streaming, errors and timeouts.

/** What every provider's test needs from a stand-in, whatever its wire format. */
interface Wire {
  url: string;
  script(...turns: AnthropicTurn[]): void;
  close(): Promise<void>;
  count(): number;
  clear(): void;
  path(index: number): string;
  credential(index: number): string | undefined;
  modelId(index: number): string;
  streamed(index: number): boolean;
  toolNames(index: number): string[];
  /** The text of the tool results the SDK sent back to the model in this request. */
  toolResults(index: number): string;
  system(index: number): string;
}

function openAIWire(standIn: OpenAIStandIn): Wire {
  const request = (index: number): RecordedRequest => standIn.requests[index];
  return {
    url: standIn.url,
    script: (...turns) =>
      standIn.script(
        ...turns.map((turn) =>
          turn.kind === "stream_error" ? { kind: "error" as const, status: 500, message: turn.message } : turn,
        ),
      ),
    close: () => standIn.close(),
    count: () => standIn.requests.length,
    clear: () => void (standIn.requests.length = 0),
    path: (index) => request(index).path,
    credential: (index) => request(index).authorization,
    modelId: (index) => request(index).body.model,
    streamed: (index) => request(index).body.stream === true,
    toolNames: (index) => (request(index).body.tools ?? []).map((definition) => definition.function.name).sort(),
    toolResults: (index) =>
      request(index)
        .body.messages.filter((message) => message.role === "tool")
        .map((message) => String(message.content))
        .join("\n"),
    system: (index) => String(request(index).body.messages.find((message) => message.role === "system")?.content ?? ""),
  };
}

function anthropicWire(standIn: AnthropicStandIn): Wire {
  const request = (index: number): AnthropicRequest => standIn.requests[index];
  return {
    url: standIn.url,
    script: (...turns) => standIn.script(...turns),
    close: () => standIn.close(),
    count: () => standIn.requests.length,
    clear: () => void (standIn.requests.length = 0),
    path: (index) => request(index).path,
    credential: (index) => request(index).apiKey,
    modelId: (index) => request(index).body.model,
    streamed: (index) => request(index).body.stream === true,
    toolNames: (index) => (request(index).body.tools ?? []).map((definition) => definition.name).sort(),
    toolResults: (index) =>
      request(index)
        .body.messages.flatMap((message) => (Array.isArray(message.content) ? message.content : []))
        .filter((block) => block.type === "tool_result")
        .map((block) => JSON.stringify(block.content))
        .join("\n"),
    system: (index) => {
      const system = request(index).body.system;
      return typeof system === "string" ? system : (system ?? []).map((part) => part.text).join("\n");
    },
  };
}

interface ProviderCase {
  name: string;
  start: () => Promise<Wire>;
  model: (baseUrl: string) => LanguageModel;
  /** The model id the request must name. */
  modelId: string;
  /** The path the provider posts to, relative to the stand-in's host. */
  path: string;
  /** How the key travels: a bearer token, or Anthropic's x-api-key. */
  credential: string;
}

const PROVIDERS: ProviderCase[] = [
  {
    name: "openai: (createOpenAI, Chat Completions)",
    start: async () => openAIWire(await startOpenAIStandIn()),
    model: (baseUrl) => createModel({ model: "openai:gpt-support", baseUrl, apiKey: "sk-openai-test" }),
    modelId: "gpt-support",
    path: "/v1/chat/completions",
    credential: "Bearer sk-openai-test",
  },
  {
    name: "openai-compatible: (createOpenAICompatible)",
    start: async () => openAIWire(await startOpenAIStandIn()),
    model: (baseUrl) => createModel({ model: "openai-compatible:support-model", baseUrl, apiKey: "sk-local-test" }),
    modelId: "support-model",
    path: "/v1/chat/completions",
    credential: "Bearer sk-local-test",
  },
  {
    name: "anthropic: (createAnthropic, Messages API)",
    start: async () => anthropicWire(await startAnthropicStandIn()),
    // A model id the provider knows, so it sets max_tokens without a compatibility warning.
    model: (baseUrl) => createModel({ model: "anthropic:claude-haiku-4-5", baseUrl, apiKey: "sk-ant-test" }),
    modelId: "claude-haiku-4-5",
    path: "/v1/messages",
    credential: "sk-ant-test",
  },
];

const searchTool = tool({
  description: "Search the knowledge base",
  inputSchema: z.object({ query: z.string() }),
  execute: async ({ query }) => ({
    results: [
      {
        articleId: "a1",
        title: "Resetting your password",
        content: `About ${query}: use Forgot password.`,
        score: 0.9,
      },
    ],
  }),
});
const agentTools = () => ({ search_knowledge_base: searchTool, handoff_to_human: handoffToHumanTool() });

describe.each(PROVIDERS)("$name over real HTTP", (provider) => {
  let wire: Wire;
  beforeAll(async () => {
    wire = await provider.start();
  });
  afterEach(() => {
    wire.clear();
  });
  afterAll(async () => {
    await wire.close();
  });

  const model = () => provider.model(wire.url);

  it("runs a tool call and answers from its result, with the tool result sent back on the wire", async () => {
    wire.script(
      {
        kind: "tool_call",
        name: "search_knowledge_base",
        arguments: { query: "reset password" },
        reasoning: "Let me look that up.",
      },
      { kind: "text", text: "Use Forgot password on the sign-in page." },
    );
    const steps: unknown[] = [];
    const result = await runAgent({
      model: model(),
      system: "You are a support agent.",
      messages: [{ role: "user", content: "How do I reset my password?" }],
      tools: agentTools(),
      onSteps: async (rows) => void steps.push(...rows),
    });
    expect(result.outcome).toMatchObject({ kind: "reply", text: "Use Forgot password on the sign-in page." });
    expect(result).toMatchObject({ inputTokens: 200, outputTokens: 40 });

    expect(wire.count()).toBe(2);
    expect(wire.path(0)).toBe(provider.path);
    expect(wire.credential(0)).toBe(provider.credential);
    expect(wire.modelId(0)).toBe(provider.modelId);
    expect(wire.streamed(0)).toBe(false);
    expect(wire.system(0)).toBe("You are a support agent.");
    expect(wire.toolNames(0)).toEqual(["handoff_to_human", "search_knowledge_base"]);
    expect(wire.toolResults(0)).toBe("");
    expect(wire.toolResults(1)).toContain("Resetting your password");
    expect(steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "tool_call",
          toolName: "search_knowledge_base",
          input: { query: "reset password" },
          error: null,
        }),
        expect.objectContaining({ kind: "text", text: "Use Forgot password on the sign-in page." }),
      ]),
    );
  });

  it("ends in a handoff whose structured input is checked with zod", async () => {
    wire.script({
      kind: "tool_call",
      name: "handoff_to_human",
      arguments: {
        reason: "insufficient_knowledge",
        summary: "Customer was charged twice and wants a refund.",
        sentiment: "frustrated",
      },
    });
    const result = await runAgent({
      model: model(),
      system: "s",
      messages: [{ role: "user", content: "I was charged twice, refund me." }],
      tools: agentTools(),
    });
    expect(result.outcome).toEqual({
      kind: "handoff",
      reason: "insufficient_knowledge",
      summary: "Customer was charged twice and wants a refund.",
      sentiment: "frustrated",
    });
    expect(wire.count()).toBe(1);
  });

  it("streams text and tool calls", async () => {
    wire.script(
      { kind: "tool_call", name: "search_knowledge_base", arguments: { query: "password" } },
      { kind: "text", text: "Here is how to reset your password." },
    );
    const stream = streamText({
      model: model(),
      prompt: "reset password?",
      tools: { search_knowledge_base: searchTool },
      stopWhen: () => false,
      maxRetries: 0,
    });
    const text = await stream.text;
    const steps = await stream.steps;
    expect(wire.count()).toBe(2);
    expect([wire.streamed(0), wire.streamed(1)]).toEqual([true, true]);
    expect(wire.path(1)).toBe(provider.path);
    expect(text).toBe("Here is how to reset your password.");
    expect(steps[0].toolCalls[0]).toMatchObject({ toolName: "search_knowledge_base", input: { query: "password" } });
    expect(steps[0].finishReason).toBe("tool-calls");
    expect(wire.toolResults(1)).toContain("Resetting your password");
    expect((await stream.totalUsage).inputTokens).toBe(200);
  });

  it("retries a server error, then fails with the server's message", async () => {
    wire.script(
      { kind: "error", status: 500, message: "overloaded" },
      { kind: "error", status: 500, message: "overloaded" },
      { kind: "error", status: 500, message: "overloaded" },
    );
    await expect(
      runAgent({ model: model(), system: "s", messages: [{ role: "user", content: "hi" }], tools: agentTools() }),
    ).rejects.toThrow(/overloaded/);
    expect(wire.count()).toBe(3);
  });

  it("recovers when a retry succeeds", async () => {
    wire.script({ kind: "error", status: 503, message: "try again" }, { kind: "text", text: "Back again." });
    const result = await runAgent({
      model: model(),
      system: "s",
      messages: [{ role: "user", content: "hi" }],
      tools: agentTools(),
    });
    expect(result.outcome).toMatchObject({ kind: "reply", text: "Back again." });
    expect(wire.count()).toBe(2);
  });

  it("does not retry a refused key", async () => {
    wire.script({ kind: "error", status: 401, message: "invalid api key" });
    await expect(
      runAgent({ model: model(), system: "s", messages: [{ role: "user", content: "hi" }], tools: agentTools() }),
    ).rejects.toThrow(/invalid api key/);
    expect(wire.count()).toBe(1);
  });

  it("takes the key out of a provider's error that quotes it, as OpenAI's 'Incorrect API key provided' did", async () => {
    const key = provider.credential.replace(/^Bearer /, "");
    wire.script({ kind: "error", status: 401, message: `Incorrect API key provided: ${key}.` });
    const failure = (await runAgent({
      model: model(),
      system: "s",
      messages: [{ role: "user", content: "hi" }],
      tools: agentTools(),
    }).catch((error: unknown) => error)) as Error & { responseBody?: string };
    expect(failure.message).toContain("Incorrect API key provided: [redacted].");
    expect(`${failure.message} ${failure.stack} ${failure.responseBody}`).not.toContain(key);
  });

  it("gives up on a model that does not answer within the run's time limit, without retrying", async () => {
    wire.script({ kind: "hang" }, { kind: "hang" }, { kind: "hang" });
    const started = Date.now();
    const failure = await runAgent({
      model: model(),
      system: "s",
      messages: [{ role: "user", content: "hi" }],
      tools: agentTools(),
      timeoutMs: 300,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toMatch(/TimeoutError|AbortError/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(wire.count()).toBe(1);
  });
});

describe("anthropic-specific wire details", () => {
  let standIn: AnthropicStandIn;
  beforeAll(async () => {
    standIn = await startAnthropicStandIn();
  });
  afterEach(() => {
    standIn.requests.length = 0;
  });
  afterAll(async () => {
    await standIn.close();
  });

  const model = () => createModel({ model: "anthropic:claude-haiku-4-5", baseUrl: standIn.url, apiKey: "sk-ant-test" });

  it("sends the API version, max_tokens and the tool_use / tool_result pairing the Messages API requires", async () => {
    standIn.script(
      { kind: "tool_call", name: "search_knowledge_base", arguments: { query: "refund" } },
      { kind: "text", text: "Refunds take 5 days." },
    );
    await runAgent({
      model: model(),
      system: "s",
      messages: [{ role: "user", content: "refund?" }],
      tools: agentTools(),
    });
    const [first, second] = standIn.requests;
    expect(first.version).toBe("2023-06-01");
    expect(first.body.max_tokens).toBeGreaterThan(0);
    expect(
      first.body.tools?.find((definition) => definition.name === "search_knowledge_base")?.input_schema,
    ).toMatchObject({ type: "object", properties: { query: { type: "string" } } });
    // The assistant's tool_use, then the user's tool_result for the same id (the stand-in refuses any other order).
    const [, assistant, results] = second.body.messages;
    expect(assistant).toMatchObject({
      role: "assistant",
      content: [
        expect.objectContaining({
          type: "tool_use",
          id: "toolu_1",
          name: "search_knowledge_base",
          input: { query: "refund" },
        }),
      ],
    });
    expect(results).toMatchObject({
      role: "user",
      content: [expect.objectContaining({ type: "tool_result", tool_use_id: "toolu_1" })],
    });
  });

  it("retries an overloaded error that arrives inside the stream, then streams the answer", async () => {
    standIn.script(
      { kind: "stream_error", errorType: "overloaded_error", message: "Overloaded" },
      { kind: "text", text: "All good now." },
    );
    const stream = streamText({ model: model(), prompt: "hi", maxRetries: 1 });
    expect(await stream.text).toBe("All good now.");
    expect(standIn.requests).toHaveLength(2);
  });

  it("surfaces Anthropic's 529 overloaded error after the retries", async () => {
    standIn.script(
      ...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 529, message: "Overloaded" })),
    );
    await expect(
      runAgent({ model: model(), system: "s", messages: [{ role: "user", content: "hi" }], tools: agentTools() }),
    ).rejects.toThrow(/Overloaded/);
    expect(standIn.requests).toHaveLength(3);
  });

  it("refuses a request without a key, as the API does", async () => {
    const response = await fetch(`${standIn.url}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "x-api-key header is required" },
    });
  });
});

describe("a hosted model without a key", () => {
  // The provider packages would read OPENAI_API_KEY / ANTHROPIC_API_KEY and name them; Frontline reads neither.
  const saved = { openai: process.env.OPENAI_API_KEY, anthropic: process.env.ANTHROPIC_API_KEY };
  beforeAll(() => {
    process.env.OPENAI_API_KEY = "sk-from-an-unrelated-variable";
    process.env.ANTHROPIC_API_KEY = "sk-ant-from-an-unrelated-variable";
  });
  afterAll(() => {
    for (const [name, value] of [
      ["OPENAI_API_KEY", saved.openai],
      ["ANTHROPIC_API_KEY", saved.anthropic],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it.each([
    ["openai:gpt-4o-mini", "OpenAI"],
    ["anthropic:claude-haiku-4-5", "Anthropic"],
  ])("%s names AI_API_KEY and Settings → AI, not the provider's own variable", (spec, provider) => {
    let failure: unknown;
    try {
      createModel({ model: spec });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toBe(
      `${provider} needs an API key: enter it in Settings → AI, or set AI_API_KEY in the app's environment`,
    );
    expect(message).not.toMatch(/OPENAI_API_KEY|ANTHROPIC_API_KEY/);
  });

  it("an OpenAI-compatible server may need none (Ollama, vLLM)", () => {
    expect(() =>
      createModel({ model: "openai-compatible:llama3", baseUrl: "http://127.0.0.1:11434/v1" }),
    ).not.toThrow();
  });
});
