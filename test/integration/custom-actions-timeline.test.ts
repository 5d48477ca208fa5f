import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { callHttpAction, httpActionSchema } from "@/lib/actions/http-action";
import { httpCallOutcome } from "@/components/actions/action-call-status";

// The timeline reads a custom action's outcome from its step; the errors come from the real call, so a change of
// wording in lib/actions/http-action.ts that the timeline no longer understands fails here.
describe("a custom action's call in the timeline", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    // The stand-in server is on loopback, which the network rule refuses unless the allow-list names it.
    vi.stubEnv("ACTIONS_ALLOWED_HOSTS", "127.0.0.1");
    server = createServer((req, res) => {
      if (req.url === "/slow") return;
      if (req.url === "/broken") return void res.writeHead(503).end("maintenance");
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // Only the call meant to time out gets a short timeout: a busy machine must not make the others time out.
  const action = (path: string) =>
    httpActionSchema.parse({
      name: "order_status",
      description: "Look up an order by its number.",
      parameters: { type: "object", properties: {} },
      method: "GET",
      urlTemplate: `${base}${path}`,
      timeoutMs: path === "/slow" ? 200 : 10_000,
    });
  const stepOf = async (path: string) => {
    try {
      return {
        kind: "tool_call",
        toolName: "order_status",
        output: await callHttpAction(action(path), {}),
        error: null,
      };
    } catch (error) {
      return { kind: "tool_call", toolName: "order_status", output: null, error: (error as Error).message };
    }
  };

  it("shows the HTTP status of a success, and how a call failed", async () => {
    expect(httpCallOutcome(await stepOf("/fine"))).toEqual({
      failed: false,
      timedOut: false,
      label: "HTTP 200",
      title: "The server answered 200",
    });
    expect(httpCallOutcome(await stepOf("/broken"))).toEqual({
      failed: true,
      timedOut: false,
      label: "HTTP 503",
      title: "The server answered 503",
    });
    expect(httpCallOutcome(await stepOf("/slow"))).toEqual({
      failed: true,
      timedOut: true,
      label: "Timed out",
      title: "Timed out after 200 ms",
    });
    // A port nothing listens on any more: the connection is refused.
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
    const closedPort = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const unreachable = httpActionSchema.parse({ ...action("/"), urlTemplate: `http://127.0.0.1:${closedPort}/` });
    const refused = await callHttpAction(unreachable, {}).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(
      httpCallOutcome({ kind: "tool_call", toolName: "order_status", output: null, error: refused }),
    ).toMatchObject({ failed: true, timedOut: false, label: "Unreachable" });
  });

  it("leaves the built-in tools and other steps to the generic view", () => {
    expect(
      httpCallOutcome({ kind: "tool_call", toolName: "search_knowledge_base", output: { status: 200 }, error: null }),
    ).toBeNull();
    expect(httpCallOutcome({ kind: "text", toolName: null, output: null, error: null })).toBeNull();
  });
});
