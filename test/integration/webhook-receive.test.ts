import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobs, webhookEvents } from "@/lib/db/schema";
import { MAX_BODY_BYTES, receiveFrontWebhook } from "@/lib/webhooks/receive";
import { createTestDatabase, dbKinds } from "../helpers/db";
import { fixtureText } from "../helpers/fixtures";

const APP_SECRET = "app-secret";
const RULE_SECRET = "rule-secret";
/** The company of the fixtures' application webhooks (their `authorization.id`). */
const COMPANY = "cmp_4thp0";

function appRequest(
  body: string,
  options: { secret?: string; timestamp?: number; headers?: Record<string, string> } = {},
) {
  const timestamp = String(options.timestamp ?? Date.now());
  const signature = createHmac("sha256", options.secret ?? APP_SECRET)
    .update(`${timestamp}:${body}`)
    .digest("base64");
  return new Request("http://localhost/api/webhooks/front", {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-front-request-timestamp": timestamp,
      "x-front-signature": signature,
      ...options.headers,
    },
  });
}

function ruleRequest(body: string) {
  const signature = createHmac("sha1", RULE_SECRET).update(body).digest("base64");
  return new Request("http://localhost/api/webhooks/front", {
    method: "POST",
    body,
    headers: { "x-front-signature": signature },
  });
}

describe.each(dbKinds())("webhook endpoint on %s", (kind) => {
  let database: Database;
  const receive = (request: Request) =>
    receiveFrontWebhook(request, {
      db: database.db,
      appSecret: APP_SECRET,
      ruleSecret: RULE_SECRET,
      connectedCompany: async () => ({ id: COMPANY }),
    });
  const jobCount = async () => (await database.db.select({ n: count() }).from(jobs))[0].n;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("stores a signed event once, queues it, and answers 200", async () => {
    const response = await receive(appRequest(fixtureText("app-inbound-call-handoff")));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "queued", id: "evt_call001" });
    const [row] = await database.db.select().from(webhookEvents).where(eq(webhookEvents.frontEventId, "evt_call001"));
    expect(row).toMatchObject({
      kind: "application",
      envelopeType: "inbound_received",
      eventType: "inbound",
      frontConversationId: "cnv_call001",
      signatureResult: "valid",
      decision: "queued",
    });
    expect(row.headers["x-front-request-timestamp"]).toBeDefined();
    expect((row.body as { payload: { id: string } }).payload.id).toBe("evt_call001");
    const [job] = await database.db.select().from(jobs);
    expect(job).toMatchObject({
      queue: "front-events",
      orderingKey: "cnv_call001",
      state: "pending",
      payload: { webhookEventId: row.id },
    });
  });

  it("acknowledges a repeated evt_ id without queueing it again", async () => {
    const before = await jobCount();
    for (let i = 0; i < 2; i++) {
      const response = await receive(appRequest(fixtureText("app-inbound-call-handoff")));
      expect(response.status).toBe(200);
      expect((await response.json()).status).toBe("duplicate");
    }
    expect(await jobCount()).toBe(before);
    const [row] = await database.db.select().from(webhookEvents).where(eq(webhookEvents.frontEventId, "evt_call001"));
    expect(row.deliveryCount).toBe(3);
  });

  it("refuses a bad signature with 401, keeps a record of why, and processes nothing", async () => {
    const before = await jobCount();
    const body = fixtureText("app-inbound-email");
    const response = await receive(appRequest(body, { secret: "not-the-secret" }));
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/signature does not match/);
    expect(await jobCount()).toBe(before);
    expect(
      await database.db.select().from(webhookEvents).where(eq(webhookEvents.frontEventId, "evt_mail001")),
    ).toHaveLength(0);
    const rejected = await database.db.select().from(webhookEvents).where(eq(webhookEvents.decision, "rejected"));
    expect(rejected.at(-1)).toMatchObject({ signatureResult: "invalid", body: null, frontEventId: null });
  });

  it("refuses a stale timestamp with 401", async () => {
    const response = await receive(
      appRequest(fixtureText("app-inbound-email"), { timestamp: Date.now() - 10 * 60_000 }),
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/away from now/);
  });

  it("answers 400 to a signed body that is not JSON, and to JSON that is not a Front event", async () => {
    expect((await receive(appRequest("{not json"))).status).toBe(400);
    expect((await receive(appRequest(JSON.stringify({ type: "inbound_received" })))).status).toBe(400);
  });

  it("answers the x-front-challenge handshake after checking the signature", async () => {
    const body = fixtureText("app-sync-challenge");
    const ok = await receive(appRequest(body, { headers: { "x-front-challenge": "abc123" } }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: "abc123" });
    const forged = await receive(appRequest(body, { secret: "wrong", headers: { "x-front-challenge": "abc123" } }));
    expect(forged.status).toBe(401);
  });

  it("accepts rule webhooks signed with the rule secret", async () => {
    const response = await receive(ruleRequest(fixtureText("rule-inbound-preview")));
    expect(response.status).toBe(200);
    const [row] = await database.db.select().from(webhookEvents).where(eq(webhookEvents.frontEventId, "evt_rule002"));
    expect(row).toMatchObject({ kind: "rule", envelopeType: null, eventType: "inbound" });
  });

  it("records and acknowledges unknown event types", async () => {
    const body = JSON.stringify({
      type: "something_new",
      authorization: { id: COMPANY },
      payload: { id: "evt_new001", type: "brand_new", conversation: { id: "cnv_x" } },
    });
    const response = await receive(appRequest(body));
    expect(response.status).toBe(200);
  });

  it("refuses bodies over 1 MiB with 413 before reading them", async () => {
    const body = JSON.stringify({ type: "x", padding: "a".repeat(MAX_BODY_BYTES) });
    expect((await receive(appRequest(body))).status).toBe(413);
  });
});
