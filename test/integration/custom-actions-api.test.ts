import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError } from "@/lib/api/errors";
import type { ActionResponse, ActionsResponse, ActionTestResponse } from "@/lib/actions/types";
import type { Database } from "@/lib/db/client";
import { ActionsStore } from "@/lib/settings/actions-store";
import { createTestDatabase, dbKinds } from "../helpers/db";

// The routes' two outside dependencies, pointed at this file: who is signed in, and the services (just the store).
const current = vi.hoisted(() => ({ role: "admin" as "admin" | "viewer", actions: undefined as unknown }));
vi.mock("@/lib/auth/guard", () => ({
  requireAdmin: async () => {
    if (current.role !== "admin") throw new ApiError(403, "forbidden", "Only admins can do this.");
    return { id: "u1", email: "admin@frontline.test", role: "admin" };
  },
}));
vi.mock("@/lib/runtime", () => ({ getServices: async () => ({ actions: current.actions }) }));

const collection = await import("@/app/api/settings/actions/route");
const single = await import("@/app/api/settings/actions/[id]/route");
const testRoute = await import("@/app/api/settings/actions/[id]/test/route");

const SECRET = "Bearer sk_route_secret_7788";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

function jsonRequest(method: string, body: unknown): Request {
  return new Request("http://frontline.test/api/settings/actions", {
    method,
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function answer<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}
type ErrorBody = { error: { code: string; message: string } };

describe.each(dbKinds())("custom actions API on %s", (kind) => {
  let database: Database;
  let server: Server;
  let base = "";
  const received: { url: string; authorization?: string }[] = [];

  beforeAll(async () => {
    // The stand-in server is on loopback, which the network rule refuses unless the allow-list names it.
    vi.stubEnv("ACTIONS_ALLOWED_HOSTS", "127.0.0.1");
    database = await createTestDatabase(kind);
    current.actions = new ActionsStore(database.db, randomBytes(32), 0);
    server = createServer((req, res) => {
      received.push({ url: req.url!, authorization: req.headers.authorization });
      if (req.url?.startsWith("/orders/slow")) return; // never answers
      if (req.url?.startsWith("/orders/broken"))
        return void res
          .writeHead(500, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "database down" }));
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ order: req.url?.split("/").pop(), status: "shipped" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
  });
  beforeEach(() => {
    current.role = "admin";
  });

  const definition = () => ({
    name: "order_status",
    description: "Look up an order's shipping status by its number.",
    parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    method: "GET",
    urlTemplate: `${base}/orders/{order_id}`,
    headers: [{ name: "Authorization", value: SECRET, secret: true }],
    timeoutMs: 5_000,
    channels: ["voice"],
  });

  let actionId = "";

  it("creates an action and lists it without its secret", async () => {
    const created = await answer<ActionResponse>(await collection.POST(jsonRequest("POST", definition())));
    expect(created.status).toBe(201);
    actionId = created.body.action.id;
    const listed = await answer<ActionsResponse>(
      await collection.GET(new Request("http://frontline.test/api/settings/actions")),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.actions).toHaveLength(1);
    expect(listed.body.allowedHosts).toEqual(["127.0.0.1"]);
    expect(listed.body.actions[0].headers).toEqual([
      { name: "Authorization", secret: true, value: null, masked: "••••7788" },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain("sk_route_secret_7788");
    expect(JSON.stringify(created.body)).not.toContain("sk_route_secret_7788");
  });

  it("answers readable 4xx errors: bad JSON, bad schema, bad URL template, duplicate name, unknown id", async () => {
    const badJson = await answer<ErrorBody>(await collection.POST(jsonRequest("POST", "{not json")));
    expect(badJson).toMatchObject({ status: 400, body: { error: { code: "invalid_json" } } });

    const badSchema = await answer<ErrorBody>(
      await collection.POST(
        jsonRequest("POST", {
          ...definition(),
          name: "other_action",
          parameters: { type: "object", properties: { order_id: "string" } },
        }),
      ),
    );
    expect(badSchema.status).toBe(422);
    expect(badSchema.body.error.message).toMatch(/parameters\.properties\.order_id: must be a JSON Schema object/);

    const badUrl = await answer<ErrorBody>(
      await collection.POST(
        jsonRequest("POST", { ...definition(), name: "other_action", urlTemplate: `${base}/orders/{orderId}` }),
      ),
    );
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.error.message).toMatch(/urlTemplate: uses \{orderId\}, which is not a parameter/);

    // The network rule: only 127.0.0.1 is on this file's allow-list, so another loopback spelling or the metadata address is refused.
    const internal = await answer<ErrorBody>(
      await collection.POST(
        jsonRequest("POST", {
          ...definition(),
          name: "other_action",
          urlTemplate: "http://169.254.169.254/latest/{order_id}",
        }),
      ),
    );
    expect(internal).toMatchObject({ status: 422, body: { error: { code: "address_not_allowed" } } });
    expect(internal.body.error.message).toBe(
      "urlTemplate: this action is not allowed to reach that address: 169.254.169.254 is a link-local address. To call your own internal service, add its host to ACTIONS_ALLOWED_HOSTS.",
    );
    const loopback = await answer<ErrorBody>(
      await single.PUT(
        jsonRequest("PUT", { urlTemplate: `${base.replace("127.0.0.1", "localhost")}/orders/{order_id}` }),
        params(actionId),
      ),
    );
    expect(loopback).toMatchObject({ status: 422, body: { error: { code: "address_not_allowed" } } });
    expect(loopback.body.error.message).toMatch(
      /^urlTemplate: this action is not allowed to reach that address: localhost is a loopback name\./,
    );

    const duplicate = await answer<ErrorBody>(await collection.POST(jsonRequest("POST", definition())));
    expect(duplicate).toMatchObject({ status: 409, body: { error: { code: "duplicate_name" } } });
    expect(duplicate.body.error.message).toMatch(/already exists/);

    const unknown = await answer<ErrorBody>(
      await single.PUT(jsonRequest("PUT", { enabled: false }), params(UNKNOWN_ID)),
    );
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await single.DELETE(jsonRequest("DELETE", {}), params(UNKNOWN_ID))).status).toBe(404);
    expect((await testRoute.POST(jsonRequest("POST", {}), params(UNKNOWN_ID))).status).toBe(404);

    for (const response of [badJson, badSchema, badUrl, internal, loopback, duplicate, unknown])
      expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it("edits an action and keeps its secret when the value is left out", async () => {
    const edited = await answer<ActionResponse>(
      await single.PUT(
        jsonRequest("PUT", { timeoutMs: 6_000, headers: [{ name: "Authorization", secret: true }] }),
        params(actionId),
      ),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.action).toMatchObject({
      timeoutMs: 6_000,
      headers: [{ name: "Authorization", masked: "••••7788" }],
    });
  });

  it("tests an action for real: success, error status, timeout, and arguments that cannot fill the URL", async () => {
    const run = async (args: Record<string, unknown>) =>
      answer<ActionTestResponse>(await testRoute.POST(jsonRequest("POST", { arguments: args }), params(actionId)));

    const success = await run({ order_id: "A-17" });
    expect(success.status).toBe(200);
    expect(success.body).toMatchObject({
      ok: true,
      status: 200,
      body: { order: "A-17", status: "shipped" },
      error: null,
      url: `${base}/orders/A-17`,
    });
    expect(success.body.durationMs).toBeGreaterThanOrEqual(0);
    expect(received.at(-1)).toEqual({ url: "/orders/A-17", authorization: SECRET });

    const broken = await run({ order_id: "broken" });
    expect(broken.body).toMatchObject({
      ok: false,
      status: 500,
      errorKind: "status",
      error: 'order_status answered 500: {"error":"database down"}',
    });

    // A short timeout only for the call meant to time out, so a busy machine cannot fail the others.
    expect((await single.PUT(jsonRequest("PUT", { timeoutMs: 400 }), params(actionId))).status).toBe(200);
    const slow = await run({ order_id: "slow" });
    expect(slow.body).toMatchObject({
      ok: false,
      status: null,
      errorKind: "timeout",
      error: "order_status timed out after 400 ms",
    });

    // Checked again at every call: off the allow-list, the saved action's loopback server is refused and receives nothing.
    vi.stubEnv("ACTIONS_ALLOWED_HOSTS", "");
    const before = received.length;
    const refused = await run({ order_id: "A-18" });
    vi.stubEnv("ACTIONS_ALLOWED_HOSTS", "127.0.0.1");
    expect(refused.body).toMatchObject({ ok: false, status: null, errorKind: "blocked" });
    expect(refused.body.error).toMatch(
      /^order_status: this action is not allowed to reach that address: 127\.0\.0\.1 is a loopback address\./,
    );
    expect(received.length).toBe(before);

    const missing = await answer<ErrorBody>(
      await testRoute.POST(jsonRequest("POST", { arguments: {} }), params(actionId)),
    );
    expect(missing).toMatchObject({ status: 422, body: { error: { code: "invalid_arguments" } } });
    expect(missing.body.error.message).toMatch(/missing argument 'order_id'/);
  });

  it("refuses a viewer (403) on every route", async () => {
    current.role = "viewer";
    expect((await collection.GET(new Request("http://frontline.test/api/settings/actions"))).status).toBe(403);
    expect((await collection.POST(jsonRequest("POST", definition()))).status).toBe(403);
    expect((await single.PUT(jsonRequest("PUT", { enabled: false }), params(actionId))).status).toBe(403);
    expect((await single.DELETE(jsonRequest("DELETE", {}), params(actionId))).status).toBe(403);
    expect((await testRoute.POST(jsonRequest("POST", { arguments: { order_id: "1" } }), params(actionId))).status).toBe(
      403,
    );
  });

  it("deletes an action", async () => {
    expect(await answer(await single.DELETE(jsonRequest("DELETE", {}), params(actionId)))).toEqual({
      status: 200,
      body: { deleted: actionId },
    });
    expect(
      (await answer<ActionsResponse>(await collection.GET(new Request("http://frontline.test/api/settings/actions"))))
        .body.actions,
    ).toEqual([]);
  });
});
