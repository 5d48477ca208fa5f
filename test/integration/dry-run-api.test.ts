import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { assertAllowed } from "@/lib/auth/session-user";
import type { AuthUser } from "@/lib/auth/types";
import { parseConfig } from "@/lib/config";
import { agentRuns, sessions } from "@/lib/db/schema";
import { ActionsStore } from "@/lib/settings/actions-store";
import { AgentSettingsStore } from "@/lib/settings/ai-settings";
import type { AppServices } from "@/lib/runtime";
import { dbKinds } from "../helpers/db";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

// The route's own code runs for real; only who is signed in (the cookie check is tested in auth.test.ts) and the
// process's services are this file's: the harness database, and a real Settings → AI store on it.
const current = vi.hoisted(() => ({ user: null as AuthUser | null, services: undefined as unknown }));
vi.mock("@/lib/auth/guard", () => ({
  requireUser: async () => assertAllowed(current.user),
  requireAdmin: async () => assertAllowed(current.user, "admin"),
}));
vi.mock("@/lib/runtime", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/runtime")>()),
  getServices: async () => current.services,
}));

const { GET, POST } = await import("@/app/api/agent/dry-run/route");

const ADMIN: AuthUser = { id: "u1", email: "admin@frontline.test", name: "Admin", role: "admin" };
const VIEWER: AuthUser = { id: "u2", email: "viewer@frontline.test", name: "Viewer", role: "viewer" };

function post(body: unknown): Promise<Response> {
  const init = {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
  return POST(new Request("http://frontline.test/api/agent/dry-run", init));
}

async function errorOf(response: Response) {
  return {
    status: response.status,
    ...((await response.json()) as { error: { code: string; message: string } }).error,
  };
}

describe.each(dbKinds())("POST /api/agent/dry-run on %s", (kind) => {
  let harness: Harness;
  let standIn: OpenAIStandIn;
  let sessionId: string;

  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
    harness = await startHarness(kind);
    const config = parseConfig({});
    const agentSettings = new AgentSettingsStore(harness.database.db, config, randomBytes(32), 0);
    await agentSettings.save({ instructions: "Be brief.", handoffTopics: ["invoices"], apiKey: "sk-saved-secret" });
    const actions = new ActionsStore(harness.database.db, randomBytes(32));
    current.services = {
      db: harness.database.db,
      config,
      agentSettings,
      actions,
      settings: undefined,
      front: undefined,
    } as unknown as AppServices;
    const placed = await harness.sim.placeCall({
      from: "+14155550191",
      text: "Customer: how do I reset my password?",
      assigneeId: AI_TEAMMATE,
    });
    await harness.waitForEvent(placed.eventId);
    const [session] = await harness.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.frontConversationId, placed.conversationId));
    sessionId = session.id;
  });
  afterAll(async () => {
    await harness?.close();
    await standIn?.close();
  });

  it("refuses a viewer (403) and a signed-out request (401)", async () => {
    current.user = VIEWER;
    expect(await errorOf(await post({ source: { kind: "session", sessionId } }))).toMatchObject({
      status: 403,
      code: "forbidden",
    });
    expect((await GET(new Request("http://frontline.test/api/agent/dry-run"))).status).toBe(403);
    current.user = null;
    expect(await errorOf(await post({ source: { kind: "session", sessionId } }))).toMatchObject({ status: 401 });
  });

  it("refuses bad input with a readable 4xx", async () => {
    current.user = ADMIN;
    expect(await errorOf(await post("{not json"))).toMatchObject({ status: 400, code: "invalid_json" });
    expect(
      await errorOf(await post({ source: { kind: "transcript", transcript: "  ", channel: "voice" } })),
    ).toMatchObject({
      status: 422,
      message: expect.stringContaining("paste the customer's words"),
    });
    expect(
      await errorOf(await post({ source: { kind: "transcript", transcript: "hi", channel: "fax" } })),
    ).toMatchObject({ status: 422, message: expect.stringContaining("channel") });
    expect(await errorOf(await post({ source: { kind: "session", sessionId: "nope" } }))).toMatchObject({
      status: 422,
      message: expect.stringContaining("is not a session id"),
    });
    expect(
      await errorOf(await post({ source: { kind: "session", sessionId }, overrides: { model: "gpt-4o" } })),
    ).toMatchObject({ status: 422, code: "invalid_model" });
    expect(
      await errorOf(await post({ source: { kind: "session", sessionId }, overrides: { temperature: 2 } })),
    ).toMatchObject({ status: 422 });
    expect(
      await errorOf(await post({ source: { kind: "session", sessionId: "00000000-0000-4000-8000-000000000000" } })),
    ).toMatchObject({ status: 404 });
  });

  it("tells the console what a run starts from, without the key", async () => {
    current.user = ADMIN;
    const response = await GET(new Request("http://frontline.test/api/agent/dry-run"));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("sk-saved-secret");
    expect(JSON.parse(text)).toMatchObject({
      model: "local",
      hasApiKey: true,
      instructions: "Be brief.",
      handoffTopics: ["invoices"],
    });
    expect((JSON.parse(text) as { suggestions: { spec: string }[] }).suggestions.map((entry) => entry.spec)).toContain(
      "openai:gpt-4o-mini",
    );
  });

  it("runs a session's turn with the saved settings and the overrides, and stores nothing", async () => {
    current.user = ADMIN;
    const runsBefore = (await harness.database.db.select({ value: count() }).from(agentRuns))[0].value;
    const response = await post({
      source: { kind: "session", sessionId },
      overrides: { handoffTopics: ["passwords"] },
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      outcome: { kind: string; reason?: string };
      steps: { startedAt: string }[];
      prompt: { system: string };
    };
    expect(result.outcome).toMatchObject({ kind: "handoff", reason: "prohibited_topic" });
    expect(result.prompt.system).toContain("Be brief.");
    expect(typeof result.steps[0].startedAt).toBe("string");
    expect((await harness.database.db.select({ value: count() }).from(agentRuns))[0].value).toBe(runsBefore);
  });

  it("answers a model failure with 200, the run's error and the fallback handoff", async () => {
    current.user = ADMIN;
    standIn.script(
      ...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 503, message: "overloaded" })),
    );
    const response = await post({
      source: { kind: "transcript", transcript: "Hi, where is my parcel?", channel: "sms" },
      overrides: { model: "openai-compatible:busy", baseUrl: standIn.url },
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { error: string; outcome: { kind: string; reason?: string } };
    expect(result.error).toMatch(/overloaded/);
    expect(result.outcome).toMatchObject({ kind: "handoff", reason: "error" });
    // Another provider's address never receives the saved key.
    expect(standIn.requests[0].authorization ?? "").not.toContain("sk-saved-secret");
  });
});
