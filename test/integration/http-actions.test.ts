import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateText, stepCountIs } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { actionTools, buildRequest, httpActionSchema, httpActionTool } from "@/lib/actions/http-action";

describe("custom HTTP actions", () => {
  let server: Server;
  let base = "";
  const seen: { method: string; url: string; body: string; auth?: string }[] = [];
  beforeAll(async () => {
    // The stand-in server is on loopback, which the network rule refuses unless the allow-list names it.
    vi.stubEnv("ACTIONS_ALLOWED_HOSTS", "127.0.0.1");
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen.push({
        method: req.method!,
        url: req.url!,
        body: Buffer.concat(chunks).toString(),
        auth: req.headers.authorization,
      });
      if (req.url?.startsWith("/slow")) return; // never answers
      if (req.url?.startsWith("/orders/404"))
        return void res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "no such order" }));
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ order: req.url, status: "shipped", eta: "Friday" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const orderStatus = () =>
    httpActionSchema.parse({
      name: "order_status",
      description: "Look up an order's shipping status by its number.",
      parameters: {
        type: "object",
        properties: { order_id: { type: "string" }, verbose: { type: "boolean" } },
        required: ["order_id"],
      },
      method: "GET",
      urlTemplate: `${base}/orders/{order_id}`,
      headers: { Authorization: "Bearer secret-action-key" },
      timeoutMs: 300,
    });

  it("validates definitions with readable errors", () => {
    const bad = httpActionSchema.safeParse({
      name: "Bad Name",
      description: "short",
      parameters: { type: "array" },
      method: "GET",
      urlTemplate: "ftp://x",
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(messages.join("\n")).toMatch(/name: must be snake_case/);
    expect(messages.join("\n")).toMatch(/urlTemplate: must be http or https/);
    expect(httpActionSchema.safeParse({ ...orderStatus(), name: "handoff_to_human" }).success).toBe(false);
  });

  it("fills the URL template, sends the rest as query or JSON body", () => {
    expect(buildRequest(orderStatus(), { order_id: "A 1/2", verbose: true })).toEqual({
      url: `${base}/orders/A%201%2F2?verbose=true`,
    });
    const post = { ...orderStatus(), method: "POST" as const };
    expect(buildRequest(post, { order_id: "7", note: "late" })).toEqual({
      url: `${base}/orders/7`,
      body: JSON.stringify({ note: "late" }),
    });
    expect(() => buildRequest(orderStatus(), {})).toThrow(/missing argument 'order_id'/);
  });

  it("succeeds, and the agent uses the result", async () => {
    let call = 0;
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        call++;
        if (call === 1) {
          return {
            content: [
              {
                type: "tool-call",
                toolCallId: "c1",
                toolName: "order_status",
                input: JSON.stringify({ order_id: "4411" }),
              },
            ],
            finishReason: { unified: "tool-calls", raw: undefined },
            usage: {
              inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
              outputTokens: { total: 1, text: 1, reasoning: 0 },
            },
            warnings: [],
          };
        }
        return {
          content: [{ type: "text", text: "Your order ships Friday." }],
          finishReason: { unified: "stop", raw: undefined },
          usage: {
            inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: 1, text: 1, reasoning: 0 },
          },
          warnings: [],
        };
      },
    });
    const result = await generateText({
      model,
      prompt: "where is order 4411?",
      tools: actionTools([orderStatus()], "voice"),
      stopWhen: stepCountIs(3),
    });
    expect(result.steps[0].toolResults[0].output).toEqual({
      status: 200,
      body: { order: "/orders/4411", status: "shipped", eta: "Friday" },
    });
    expect(seen.at(-1)).toMatchObject({ method: "GET", url: "/orders/4411", auth: "Bearer secret-action-key" });
    expect(result.text).toBe("Your order ships Friday.");
  });

  it("reports an error status and a timeout as tool errors the model sees", async () => {
    const execute = httpActionTool(orderStatus()).execute!;
    await expect(execute({ order_id: "404" }, { toolCallId: "x", messages: [] })).rejects.toThrow(
      /order_status answered 404: .*no such order/,
    );
    const slow = { ...orderStatus(), urlTemplate: `${base}/slow/{order_id}` };
    const started = Date.now();
    await expect(httpActionTool(slow).execute!({ order_id: "1" }, { toolCallId: "y", messages: [] })).rejects.toThrow(
      /timed out after 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("offers only enabled actions on their channels", () => {
    const onlySms = { ...orderStatus(), channels: ["sms" as const] };
    expect(Object.keys(actionTools([onlySms], "voice"))).toEqual([]);
    expect(Object.keys(actionTools([onlySms], "sms"))).toEqual(["order_status"]);
    expect(Object.keys(actionTools([{ ...onlySms, enabled: false }], "sms"))).toEqual([]);
  });
});
