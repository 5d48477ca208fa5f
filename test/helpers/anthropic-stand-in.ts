import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ScriptedTurn } from "./openai-stand-in";

/** What the stand-in answers to the next Messages request: the OpenAI stand-in's turns, plus an error inside a stream. */
export type AnthropicTurn = ScriptedTurn | { kind: "stream_error"; errorType: string; message: string };

/** A content block of the kinds used here: text, tool_use (id, name, input) and tool_result (tool_use_id, content). */
interface ContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: unknown;
}

export interface AnthropicRequest {
  path: string;
  apiKey: string | undefined;
  version: string | undefined;
  body: {
    model: string;
    max_tokens: number;
    stream?: boolean;
    system?: string | { type: string; text: string }[];
    messages: { role: "user" | "assistant"; content: string | ContentBlock[] }[];
    tools?: { name: string; description?: string; input_schema: unknown }[];
  };
}

export interface AnthropicStandIn {
  /** Base URL with /v1, as `createAnthropic({ baseURL })` expects. */
  url: string;
  requests: AnthropicRequest[];
  /** Queue the answers for the next requests, in order; when empty it answers with plain text "ok". */
  script(...turns: AnthropicTurn[]): void;
  close(): Promise<void>;
}

/** Anthropic's error `type` for an HTTP status, as its API names them. */
const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

function errorBody(type: string, message: string) {
  return JSON.stringify({ type: "error", error: { type, message } });
}

/** What the real API would refuse with a 400, so a wrong wire format fails the test instead of passing silently. */
function invalidRequest(body: AnthropicRequest["body"]): string | null {
  if (typeof body.model !== "string" || !body.model) return "model: Field required";
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) return "max_tokens: Field required";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: at least one message is required";
  if (body.messages[0].role !== "user") return 'messages: first message must use the "user" role';
  for (const [index, message] of body.messages.entries()) {
    if (message.role !== "user" && message.role !== "assistant")
      return `messages.${index}.role: must be "user" or "assistant"`;
    if (index > 0 && body.messages[index - 1].role === message.role)
      return `messages: roles must alternate between "user" and "assistant"`;
    if (typeof message.content === "string") continue;
    const previous = body.messages[index - 1];
    const offered = new Set(
      Array.isArray(previous?.content)
        ? previous.content.filter((block) => block.type === "tool_use").map((block) => String(block.id))
        : [],
    );
    for (const block of message.content) {
      if (block.type === "tool_result" && !offered.has(String(block.tool_use_id))) {
        return `messages.${index}: tool_result block(s) provided when previous message does not have a matching tool_use block (${String(block.tool_use_id)})`;
      }
    }
  }
  for (const definition of body.tools ?? []) {
    if (!definition.name || typeof definition.input_schema !== "object")
      return "tools: each tool needs a name and an input_schema";
  }
  return null;
}

/**
 * A local Anthropic Messages API (POST /v1/messages, streaming SSE and not, tool_use blocks, Anthropic's error
 * bodies) so the real @ai-sdk/anthropic provider is exercised over real HTTP, wire format included.
 */
export async function startAnthropicStandIn(): Promise<AnthropicStandIn> {
  const queue: AnthropicTurn[] = [];
  const requests: AnthropicRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let counter = 0;

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: string) =>
      res.writeHead(status, { "content-type": "application/json" }).end(body);
    if (req.method !== "POST" || req.url !== "/v1/messages")
      return reply(404, errorBody("not_found_error", `Not found: ${req.method} ${req.url}`));

    const apiKey = req.headers["x-api-key"] as string | undefined;
    const version = req.headers["anthropic-version"] as string | undefined;
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as AnthropicRequest["body"];
    requests.push({ path: req.url, apiKey, version, body });
    if (!apiKey) return reply(401, errorBody("authentication_error", "x-api-key header is required"));
    if (!version) return reply(400, errorBody("invalid_request_error", "anthropic-version: header is required"));
    const invalid = invalidRequest(body);
    if (invalid) return reply(400, errorBody("invalid_request_error", invalid));

    const turn = queue.shift() ?? { kind: "text", text: "ok" };
    if (turn.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (turn.kind === "error")
      return reply(turn.status, errorBody(ERROR_TYPES[turn.status] ?? "api_error", turn.message));

    const id = `msg_stand_in_${++counter}`;
    const content: ContentBlock[] = [];
    if (turn.kind === "text") content.push({ type: "text", text: turn.text });
    if (turn.kind === "tool_call") {
      if (turn.reasoning) content.push({ type: "text", text: turn.reasoning });
      content.push({ type: "tool_use", id: `toolu_${counter}`, name: turn.name, input: turn.arguments });
    }
    const stopReason = turn.kind === "tool_call" ? "tool_use" : "end_turn";
    const usage = { input_tokens: 100, output_tokens: 20 };

    if (!body.stream) {
      // Without a stream the same failure is an HTTP error.
      if (turn.kind === "stream_error") return reply(529, errorBody(turn.errorType, turn.message));
      return reply(
        200,
        JSON.stringify({
          id,
          type: "message",
          role: "assistant",
          model: body.model,
          content,
          stop_reason: stopReason,
          stop_sequence: null,
          usage,
        }),
      );
    }

    // Server-sent events in Anthropic's order: message_start, each block's start / deltas / stop, message_delta, message_stop.
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (event: string, data: Record<string, unknown>) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    if (turn.kind === "stream_error") {
      // Anthropic can fail after answering 200, e.g. when overloaded: the stream then carries only an error event.
      send("error", { error: { type: turn.errorType, message: turn.message } });
      res.end();
      return;
    }
    send("message_start", {
      message: {
        id,
        type: "message",
        role: "assistant",
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 100, output_tokens: 1 },
      },
    });
    send("ping", {});
    for (const [index, block] of content.entries()) {
      if (block.type === "text") {
        send("content_block_start", { index, content_block: { type: "text", text: "" } });
        for (const piece of String(block.text).match(/.{1,12}/gs) ?? [])
          send("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
      } else {
        send("content_block_start", {
          index,
          content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
        });
        const json = JSON.stringify(block.input);
        const half = Math.ceil(json.length / 2);
        for (const piece of [json.slice(0, half), json.slice(half)])
          send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: piece } });
      }
      send("content_block_stop", { index });
    }
    send("message_delta", {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    send("message_stop", {});
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...turns) => void queue.push(...turns),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
