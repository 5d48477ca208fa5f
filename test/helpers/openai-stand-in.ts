import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in answers to the next chat-completions request. */
export type ScriptedTurn =
  | { kind: "tool_call"; name: string; arguments: Record<string, unknown>; reasoning?: string }
  | { kind: "text"; text: string }
  | { kind: "error"; status: number; message: string }
  | { kind: "hang" };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
    tools?: { type: string; function: { name: string; parameters: unknown } }[];
  };
}

export interface OpenAIStandIn {
  url: string;
  requests: RecordedRequest[];
  /** Queue the answers for the next requests, in order; when empty it answers with plain text "ok". */
  script(...turns: ScriptedTurn[]): void;
  close(): Promise<void>;
}

/**
 * A local OpenAI-compatible server (POST /v1/chat/completions, streaming and not) so the real @ai-sdk providers
 * are exercised over real HTTP, wire format included.
 */
export async function startOpenAIStandIn(): Promise<OpenAIStandIn> {
  const queue: ScriptedTurn[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let counter = 0;

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as RecordedRequest["body"];
    requests.push({ path: req.url, authorization: req.headers.authorization, body });
    const turn = queue.shift() ?? { kind: "text", text: "ok" };
    const id = `chatcmpl-${++counter}`;
    const created = Math.floor(Date.now() / 1000);

    if (turn.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (turn.kind === "error") {
      res
        .writeHead(turn.status, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: turn.message, type: "server_error" } }));
      return;
    }

    const toolCall =
      turn.kind === "tool_call"
        ? {
            id: `call_${counter}`,
            type: "function",
            function: { name: turn.name, arguments: JSON.stringify(turn.arguments) },
          }
        : null;
    const content = turn.kind === "text" ? turn.text : (turn.reasoning ?? null);
    const usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
    const finishReason = toolCall ? "tool_calls" : "stop";

    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
              finish_reason: finishReason,
            },
          ],
          usage,
        }),
      );
      return;
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`,
      );
    send({ role: "assistant", content: "" });
    if (content) for (const piece of content.match(/.{1,12}/gs) ?? []) send({ content: piece });
    if (toolCall) {
      send({
        tool_calls: [
          { index: 0, id: toolCall.id, type: "function", function: { name: toolCall.function.name, arguments: "" } },
        ],
      });
      send({ tool_calls: [{ index: 0, function: { arguments: toolCall.function.arguments } }] });
    }
    send({}, finishReason, { usage });
    res.end("data: [DONE]\n\n");
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
