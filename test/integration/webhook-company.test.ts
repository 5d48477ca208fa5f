// An application webhook names the company it was sent for (`authorization.id`). The app secret is the app's, not
// the company's, so a delivery for a company other than the one Frontline is connected to (GET /me) is refused with
// 403 and recorded, and nothing is processed. Over real HTTP: the simulator delivers to the real endpoint.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { parseConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { jobs, webhookEvents } from "@/lib/db/schema";
import { FrontClient } from "@/lib/front/client";
import { createFrontSimulator, DEFAULT_COMPANY_ID, type FrontSimulator } from "@/front-sim";
import { explainConversation } from "@/lib/troubleshooting/explain";
import { lookUpCompany } from "@/lib/settings/front-connection";
import { FrontSettingsStore } from "@/lib/settings/front-settings";
import { createTestDatabase, dbKinds } from "../helpers/db";
import { AI_TEAMMATE, SECRETS, serveWebhook, startHarness, type Harness } from "../helpers/pipeline-harness";

const OTHER_COMPANY = "cmp_0ther9";
const QUESTION = "Customer: Hi, how do I reset my password?";

async function jobCount(database: Database) {
  return (await database.db.select({ n: count() }).from(jobs))[0].n;
}

async function rejectedRows(database: Database) {
  return database.db.select().from(webhookEvents).where(eq(webhookEvents.decision, "rejected"));
}

function authorizationOf(sim: FrontSimulator, eventId: string | null) {
  const record = sim.deliveries.find((delivery) => delivery.eventId === eventId);
  return (JSON.parse(record!.rawBody) as { authorization?: unknown }).authorization;
}

describe.each(dbKinds())("deliveries for another Front company, on %s", (kind) => {
  let harness: Harness;
  /** The same app installed in another company: the same app secret, its own company id, the same webhook URL. */
  let other: FrontSimulator;

  beforeAll(async () => {
    harness = await startHarness(kind);
    other = await createFrontSimulator({
      ...SECRETS,
      webhookUrl: harness.webhookUrl,
      companyId: OTHER_COMPANY,
      companyName: "Other Co",
    });
  });
  afterAll(async () => {
    await other?.close();
    await harness?.close();
  });
  afterEach(() => {
    harness.reset();
    harness.sim.configure({ webhookKind: "application" });
  });

  it("the simulator signs each delivery for the company its GET /me names", async () => {
    const me = await new FrontClient({ baseUrl: harness.sim.url, token: SECRETS.apiToken }).me();
    expect(me.id).toBe(DEFAULT_COMPANY_ID);
    const placed = await harness.sim.placeCall({ from: "+14155550401", text: QUESTION, assigneeId: null });
    expect(authorizationOf(harness.sim, placed.eventId)).toEqual({ id: me.id });
    const sync = await harness.sim.sync();
    expect(sync.ok).toBe(true);
    expect(authorizationOf(harness.sim, null)).toEqual({ id: me.id });

    expect((await new FrontClient({ baseUrl: other.url, token: SECRETS.apiToken }).me()).id).toBe(OTHER_COMPANY);
    expect((await other.sync()).ok).toBe(false);
    expect(authorizationOf(other, null)).toEqual({ id: OTHER_COMPANY });
  });

  it("a delivery for the connected company is processed", async () => {
    const placed = await harness.sim.placeCall({ from: "+14155550402", text: QUESTION, assigneeId: AI_TEAMMATE });
    expect(placed.delivery.status).toBe(200);
    expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
      decision: "processed",
      signatureResult: "valid",
    });
    expect(
      harness.sim.getConversation(placed.conversationId)!.replies.length +
        harness.sim.getConversation(placed.conversationId)!.comments.length,
    ).toBeGreaterThan(0);
  });

  it("one for another company is refused with 403 and recorded with the reason; nothing is queued or sent", async () => {
    const jobsBefore = await jobCount(harness.database);
    const rejectedBefore = (await rejectedRows(harness.database)).length;

    const placed = await other.placeCall({ from: "+14155550403", text: QUESTION, assigneeId: AI_TEAMMATE });
    expect(authorizationOf(other, placed.eventId)).toEqual({ id: OTHER_COMPANY });
    expect(placed.delivery.status).toBe(403);
    expect((placed.delivery.body as { error: string }).error).toBe(
      `delivery for another Front company: authorization.id is ${OTHER_COMPANY}, Frontline is connected to ${DEFAULT_COMPANY_ID}`,
    );

    const rejected = await rejectedRows(harness.database);
    expect(rejected).toHaveLength(rejectedBefore + 1);
    expect(rejected.at(-1)).toMatchObject({
      kind: "application",
      frontEventId: null,
      body: null,
      signatureResult: "valid",
      frontConversationId: placed.conversationId,
      decisionReason: expect.stringContaining(OTHER_COMPANY),
    });
    expect(
      await harness.database.db.select().from(webhookEvents).where(eq(webhookEvents.frontEventId, placed.eventId)),
    ).toHaveLength(0);
    expect(await jobCount(harness.database)).toBe(jobsBefore);
    // Give a worker that had been handed something the time to act: nothing reaches either company's Front.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.sim.requests.filter((request) => request.path.includes(placed.conversationId))).toEqual([]);
    expect(other.requests.filter((request) => request.method !== "GET" || request.pathname !== "/me")).toEqual([]);
    expect(other.getConversation(placed.conversationId)!.replies).toEqual([]);
    // "Why didn't the AI reply?" names the cause.
    const answer = await explainConversation(harness.database.db, harness.settings, placed.conversationId);
    expect(answer.firstFailure).toMatchObject({
      id: "company",
      status: "failed",
      detail: expect.stringContaining(OTHER_COMPANY),
    });
  });

  it("an application delivery naming no company is refused too", async () => {
    const placed = await harness.sim.placeCall({ from: "+14155550404", text: QUESTION, assigneeId: AI_TEAMMATE });
    const record = harness.sim.deliveries.find((delivery) => delivery.eventId === placed.eventId)!;
    const envelope = JSON.parse(record.rawBody) as Record<string, unknown>;
    delete envelope.authorization;
    envelope.payload = { ...(envelope.payload as object), id: "evt_noauth1" };
    const delivered = await harness.sim.deliverEvent(JSON.stringify(envelope));
    expect(delivered.delivery.status).toBe(403);
    expect((delivered.delivery.body as { error: string }).error).toContain("authorization.id is missing");
  });

  it("rule webhooks name no company and are taken as before", async () => {
    harness.sim.configure({ webhookKind: "rule", rulePreview: false });
    const placed = await harness.sim.placeCall({ from: "+14155550405", text: QUESTION, assigneeId: AI_TEAMMATE });
    expect(placed.delivery.status).toBe(200);
    expect(await harness.waitForEvent(placed.eventId)).toMatchObject({ kind: "rule", decision: "processed" });
  });
});

// The company as the real endpoint learns it: saved with the token in Settings → Front, or, for a token set in the
// environment, asked of Front (GET /me) by the first application webhook and saved.
describe.each(dbKinds())("the connected company, on %s", (kind) => {
  let database: Database;
  let sim: FrontSimulator;
  let server: Server;
  let store: FrontSettingsStore;
  const key = randomBytes(32);

  async function serveWith(env: Record<string, string>) {
    store = new FrontSettingsStore(database.db, parseConfig(env), key, 0);
    sim.configure({ webhookUrl: null });
    if (server) await new Promise((resolve) => server.close(resolve));
    const served = await serveWebhook({
      db: database.db,
      appSecret: SECRETS.appSecret,
      connectedCompany: () => store.connectedCompany({ lookUp: (token) => lookUpCompany(sim.url, token) }),
    });
    server = served.server;
    sim.configure({ webhookUrl: served.url });
    sim.clearRequests();
  }
  const meRequests = () => sim.requests.filter((request) => request.pathname === "/me").length;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    sim = await createFrontSimulator({ ...SECRETS });
  });
  afterAll(async () => {
    if (server) await new Promise((resolve) => server.close(resolve));
    await sim?.close();
    await database?.close();
  });

  it("no API token yet: a delivery is refused with 503 (Front retries) and recorded, nothing queued", async () => {
    await serveWith({ FRONT_APP_SECRET: SECRETS.appSecret });
    const before = await jobCount(database);
    const placed = await sim.placeCall({ from: "+14155550410", text: QUESTION, assigneeId: AI_TEAMMATE });
    expect(placed.delivery.status).toBe(503);
    expect((placed.delivery.body as { error: string }).error).toContain("no Front API token is saved");
    expect((await rejectedRows(database)).at(-1)).toMatchObject({
      decisionReason: expect.stringContaining("not known yet"),
      frontConversationId: placed.conversationId,
    });
    expect(await jobCount(database)).toBe(before);
  });

  it("a token from the environment: the first delivery asks GET /me once and saves the company", async () => {
    await serveWith({ FRONT_API_TOKEN: SECRETS.apiToken });
    expect((await store.get()).values.company).toBeUndefined();
    const [first, second] = await Promise.all([
      sim.placeCall({ from: "+14155550411", text: QUESTION, assigneeId: AI_TEAMMATE }),
      sim.placeCall({ from: "+14155550412", text: QUESTION, assigneeId: AI_TEAMMATE }),
    ]);
    expect([first.delivery.status, second.delivery.status]).toEqual([200, 200]);
    expect(meRequests()).toBe(1);
    expect((await store.get()).values.company).toEqual({ id: DEFAULT_COMPANY_ID, name: "Acme" });
    expect(
      (await sim.placeCall({ from: "+14155550413", text: QUESTION, assigneeId: AI_TEAMMATE })).delivery.status,
    ).toBe(200);
    expect(meRequests()).toBe(1);
  });

  it("a company saved for another token does not count: it is asked again", async () => {
    await serveWith({ FRONT_API_TOKEN: SECRETS.apiToken });
    await store.save({}, { company: { id: OTHER_COMPANY, name: "Other Co" }, companyToken: "an-earlier-token" });
    expect((await store.get()).values.company).toBeUndefined();
    expect(
      (await sim.placeCall({ from: "+14155550414", text: QUESTION, assigneeId: AI_TEAMMATE })).delivery.status,
    ).toBe(200);
    expect(meRequests()).toBe(1);
    expect((await store.get()).values.company?.id).toBe(DEFAULT_COMPANY_ID);
  });

  it("Front unreachable for GET /me: 503 and recorded, and Front is not asked again for every delivery", async () => {
    await serveWith({ FRONT_API_TOKEN: "a-new-token" });
    sim.fail({ status: 500, method: "GET", path: "/me", count: 100 });
    try {
      const before = await jobCount(database);
      const first = await sim.placeCall({ from: "+14155550415", text: QUESTION, assigneeId: AI_TEAMMATE });
      expect(first.delivery.status).toBe(503);
      expect((first.delivery.body as { error: string }).error).toContain("GET /me failed");
      expect(
        (await sim.placeCall({ from: "+14155550416", text: QUESTION, assigneeId: AI_TEAMMATE })).delivery.status,
      ).toBe(503);
      expect(meRequests()).toBe(1);
      expect(await jobCount(database)).toBe(before);
    } finally {
      sim.clearFaults();
    }
  });
});
