import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { DEFAULT_FIT, type FitThresholds } from "./compose-answer";
import { decide, type Decision } from "./decide";
import { readConversation } from "./prompt";
import { fitsSchema, offeredTools, SEARCH_TOOL, validHandoffInput, validSearchInput } from "./tools";

export const OFFLINE_MODEL_LABEL = "Offline model (built-in, no network)";
export const OFFLINE_PROVIDER = "frontline.offline";
export const OFFLINE_MODEL_ID = "offline";

export interface LocalModelOptions {
  /** Ids for tool calls and responses; unique random ids by default. */
  generateId?: () => string;
  /** When a knowledge-base article is good enough to answer from. */
  fit?: Partial<FitThresholds>;
}

const CHARS_PER_TOKEN = 4;
const STREAM_CHUNK = 24;

function defaultId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 24);
}

const tokens = (chars: number) => Math.ceil(chars / CHARS_PER_TOKEN);

/** Everything the prompt says, as text, to estimate input tokens the way a hosted model would count them. */
function promptChars(prompt: LanguageModelV3Prompt): number {
  let chars = 0;
  for (const message of prompt) {
    if (message.role === "system") {
      chars += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === "text" || part.type === "reasoning") chars += part.text.length;
      else if (part.type === "tool-call") chars += part.toolName.length + JSON.stringify(part.input ?? null).length;
      else if (part.type === "tool-result") chars += JSON.stringify(part.output).length;
    }
  }
  return chars;
}

function usageOf(prompt: LanguageModelV3Prompt, content: LanguageModelV3Content[]): LanguageModelV3Usage {
  const input = tokens(promptChars(prompt));
  let text = 0;
  let reasoning = 0;
  for (const part of content) {
    if (part.type === "text") text += tokens(part.text.length);
    else if (part.type === "reasoning") reasoning += tokens(part.text.length);
    else if (part.type === "tool-call") text += tokens(part.toolName.length + part.input.length);
  }
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: text + reasoning, text, reasoning },
  };
}

/** Turns a decision into content parts, dropping a tool call whose input the offered schema would reject. */
function toContent(
  decision: Decision,
  options: LanguageModelV3CallOptions,
  generateId: () => string,
): LanguageModelV3Content[] {
  const content: LanguageModelV3Content[] = [{ type: "reasoning", text: decision.reasoning }];
  if ("text" in decision) {
    content.push({ type: "text", text: decision.text });
    return content;
  }
  const { toolName } = decision.call;
  const input =
    toolName === SEARCH_TOOL ? validSearchInput(decision.call.input.query) : validHandoffInput(decision.call.input);
  const schema = offeredTools(options).get(toolName)?.inputSchema;
  if (!input || !schema || !fitsSchema({ ...input }, schema)) {
    content[0] = {
      type: "reasoning",
      text: `${decision.reasoning} (The ${toolName} tool does not accept this input, so I answer in text.)`,
    };
    content.push({ type: "text", text: "Thanks for your message. A teammate will get back to you shortly." });
    return content;
  }
  content.push({ type: "tool-call", toolCallId: `call_${generateId()}`, toolName, input: JSON.stringify(input) });
  return content;
}

function finishReasonOf(content: LanguageModelV3Content[]): LanguageModelV3FinishReason {
  return content.some((p) => p.type === "tool-call")
    ? { unified: "tool-calls", raw: "tool_calls" }
    : { unified: "stop", raw: "stop" };
}

/** Splits text into small deltas so a stream looks like a hosted model's. */
function chunks(text: string): string[] {
  return text.match(new RegExp(`[\\s\\S]{1,${STREAM_CHUNK}}(?=\\s|$)|[\\s\\S]{1,${STREAM_CHUNK}}`, "g")) ?? [text];
}

function streamParts(
  content: LanguageModelV3Content[],
  usage: LanguageModelV3Usage,
  id: string,
): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id, modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
  ];
  content.forEach((part, i) => {
    const partId = `${i}`;
    if (part.type === "reasoning" || part.type === "text") {
      const kind = part.type;
      parts.push({ type: `${kind}-start`, id: partId });
      for (const delta of chunks(part.text)) parts.push({ type: `${kind}-delta`, id: partId, delta });
      parts.push({ type: `${kind}-end`, id: partId });
    } else if (part.type === "tool-call") {
      parts.push({ type: "tool-input-start", id: part.toolCallId, toolName: part.toolName });
      parts.push({ type: "tool-input-delta", id: part.toolCallId, delta: part.input });
      parts.push({ type: "tool-input-end", id: part.toolCallId });
      parts.push(part);
    }
  });
  parts.push({ type: "finish", usage, finishReason: finishReasonOf(content) });
  return parts;
}

/**
 * The offline model (AI_MODEL=local): a deterministic LanguageModelV3 that reads the customer's turn, asks for a
 * person or searches the knowledge base, and answers from an article that fits. No network, no weights.
 */
export function createLocalModel(options: LocalModelOptions = {}): LanguageModelV3 {
  const generateId = options.generateId ?? defaultId;
  const fit: FitThresholds = { ...DEFAULT_FIT, ...options.fit };

  const run = (call: LanguageModelV3CallOptions) => {
    call.abortSignal?.throwIfAborted();
    const decision = decide(readConversation(call.prompt), new Set(offeredTools(call).keys()), fit);
    const content = toContent(decision, call, generateId);
    return { content, usage: usageOf(call.prompt, content), id: `offline_${generateId()}` };
  };

  return {
    specificationVersion: "v3",
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},

    async doGenerate(call): Promise<LanguageModelV3GenerateResult> {
      const { content, usage, id } = run(call);
      return {
        content,
        finishReason: finishReasonOf(content),
        usage,
        warnings: [],
        response: { id, modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
      };
    },

    async doStream(call) {
      const { content, usage, id } = run(call);
      const parts = streamParts(content, usage, id);
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return { stream };
    },
  };
}
