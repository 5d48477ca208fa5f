import { createHmac } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, ne } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobs, webhookEvents } from "@/lib/db/schema";
import { receiveFrontWebhook } from "@/lib/webhooks/receive";
import { createTestDatabase } from "../helpers/db";
import { fixtureText } from "../helpers/fixtures";

const APP_SECRET = "fuzz-app-secret";
const RULE_SECRET = "fuzz-rule-secret";
const FIXTURES = [
  "app-inbound-call-handoff",
  "app-inbound-email",
  "app-assign",
  "app-archive",
  "rule-inbound-call-full",
  "app-sync-challenge",
].map(fixtureText);

const printable = fc.string({
  unit: fc.constantFrom(
    ..." !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~",
  ),
});
/** Header values as they can arrive over HTTP: printable ASCII, any length. */
const headerValue = fc.oneof(printable, fc.integer().map(String), fc.constant(""));
const headerSets = fc.record(
  {
    "x-front-signature": fc.oneof(headerValue, fc.base64String()),
    "x-front-request-timestamp": fc.oneof(
      headerValue,
      fc.integer({ min: 0, max: 2 ** 45 }).map(String),
      fc.constant(String(Date.now())),
    ),
    "x-front-challenge": headerValue,
    "content-type": fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
  },
  { requiredKeys: [] },
);

/** Random bytes, random JSON, and real Front bodies with bytes flipped, cut or appended. */
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? "null")),
  fc.string().map((text) => Buffer.from(text)),
  fc
    .tuple(
      fc.constantFrom(...FIXTURES),
      fc.nat(),
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom("flip", "cut", "append", "none"),
    )
    .map(([fixture, at, byte, how]) => {
      const buffer = Buffer.from(fixture);
      const index = at % buffer.length;
      if (how === "flip") buffer[index] = byte;
      if (how === "cut") return buffer.subarray(0, index);
      if (how === "append") return Buffer.concat([buffer, Buffer.from([byte])]);
      return buffer;
    }),
);

function request(body: Buffer, headers: Record<string, string>): Request {
  return new Request("http://localhost/api/webhooks/front", { method: "POST", body: new Uint8Array(body), headers });
}

function signApp(body: Buffer, timestamp = String(Date.now())): Record<string, string> {
  const signature = createHmac("sha256", APP_SECRET)
    .update(Buffer.concat([Buffer.from(`${timestamp}:`), body]))
    .digest("base64");
  return { "x-front-request-timestamp": timestamp, "x-front-signature": signature, "content-type": "application/json" };
}

// The webhook is Frontline's only door open to the internet: whatever arrives, it answers with a 4xx or a 2xx,
// never a 5xx or a crash, and nothing without a valid signature is stored as an event or queued.
describe("webhook fuzzing (fast-check)", () => {
  let database: Database;
  const receive = (req: Request) =>
    receiveFrontWebhook(req, {
      db: database.db,
      appSecret: APP_SECRET,
      ruleSecret: RULE_SECRET,
      connectedCompany: async () => ({ id: "cmp_4thp0" }),
    });
  const acceptedEvents = async () =>
    (await database.db.select({ n: count() }).from(webhookEvents).where(ne(webhookEvents.decision, "rejected")))[0].n;
  const queuedJobs = async () => (await database.db.select({ n: count() }).from(jobs))[0].n;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
  });
  afterAll(async () => {
    await database?.close();
  });

  it("answers 10,000 unsigned or wrongly signed random and mutated bodies with a 4xx, processing none", async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(bodies, headerSets, async (body, headers) => {
        sent++;
        const response = await receive(request(body, headers));
        // A signature that happens to be valid for these bytes is out of reach for random input.
        expect([400, 401, 413]).toContain(response.status);
        expect(response.headers.get("content-type")).toContain("application/json");
        const answer = (await response.json()) as { error?: unknown };
        expect(typeof answer.error).toBe("string");
        expect(String(answer.error)).not.toMatch(/\bat \S+:\d+:\d+/);
      }),
      { numRuns: 10_000 },
    );
    expect(sent).toBe(10_000);
    expect(await acceptedEvents()).toBe(0);
    expect(await queuedJobs()).toBe(0);
  }, 600_000);

  it("answers correctly signed random JSON with a 2xx or a 4xx, never a 5xx, and queues only real events", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          // Envelopes shaped like Front's, with random insides, reach deeper into the parser.
          fc.record({ type: fc.constantFrom("inbound_received", "assign", "sync", "bogus"), payload: fc.jsonValue() }),
          fc.record({
            type: fc.string(),
            payload: fc.record({
              id: fc.string(),
              type: fc.string(),
              conversation: fc.record({ id: fc.string() }),
              target: fc.jsonValue(),
            }),
          }),
        ),
        async (value) => {
          const body = Buffer.from(JSON.stringify(value) ?? "null");
          const before = await queuedJobs();
          const response = await receive(request(body, signApp(body)));
          expect(response.status, body.toString().slice(0, 200)).toBeLessThan(500);
          const answer = (await response.json()) as { status?: string };
          if (answer.status === "queued") expect(await queuedJobs()).toBe(before + 1);
          else expect(await queuedJobs()).toBe(before);
        },
      ),
      { numRuns: 1_000 },
    );
  }, 600_000);

  it("gives up on a body that drips in too slowly, with a 408", async () => {
    const encoder = new TextEncoder();
    let pulls = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        controller.enqueue(encoder.encode(" "));
        if (++pulls > 1_000) controller.close();
      },
    });
    const started = Date.now();
    const response = await receiveFrontWebhook(
      new Request("http://localhost/api/webhooks/front", {
        method: "POST",
        body: slow,
        headers: signApp(Buffer.from("")),
        duplex: "half",
      } as RequestInit),
      {
        db: database.db,
        appSecret: APP_SECRET,
        ruleSecret: RULE_SECRET,
        connectedCompany: async () => ({ id: "cmp_4thp0" }),
        bodyReadTimeoutMs: 500,
      },
    );
    expect(response.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pulls).toBeLessThan(100);
  });
});
