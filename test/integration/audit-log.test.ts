import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { AuditEntryView, AuditResponse } from "@/lib/audit/actions";
import { auditChange, recordAudit, SYSTEM_ACTOR } from "@/lib/audit";
import { createAuth } from "@/lib/auth/server";
import type { AuthUser } from "@/lib/auth/types";
import { createUserAccount } from "@/lib/auth/users";
import { parseConfig } from "@/lib/config";
import { rowsOf, type Database } from "@/lib/db/client";
import { storeVerifiedEvent } from "@/lib/db/queries/webhook-events";
import { appSettings, auditLog, users } from "@/lib/db/schema";
import { ActionsStore } from "@/lib/settings/actions-store";
import { AgentSettingsStore } from "@/lib/settings/ai-settings";
import { FrontSettingsStore } from "@/lib/settings/front-settings";
import { createTestDatabase, dbKinds } from "../helpers/db";

// Every kind of admin change through the real route handlers (only who is signed in and which database are pointed at
// this file), then the audit rows read back: who, what, before → after, and never a secret, in any form.
const current = vi.hoisted(() => ({
  user: null as AuthUser | null,
  services: undefined as unknown,
  db: undefined as unknown,
}));
vi.mock("@/lib/auth/guard", async () => {
  const { assertAllowed } = await import("@/lib/auth/session-user");
  return {
    requireUser: async () => assertAllowed(current.user),
    requireAdmin: async () => assertAllowed(current.user, "admin"),
  };
});
vi.mock("@/lib/runtime", () => ({ getServices: async () => current.services }));
vi.mock("@/lib/db", () => ({ getDb: async () => current.db }));

const auditRoute = await import("@/app/api/audit/route");
const aiRoute = await import("@/app/api/settings/ai/route");
const frontRoute = await import("@/app/api/settings/front/route");
const actionsRoute = await import("@/app/api/settings/actions/route");
const actionRoute = await import("@/app/api/settings/actions/[id]/route");
const knowledgeRoute = await import("@/app/api/knowledge/route");
const articleRoute = await import("@/app/api/knowledge/[id]/route");
const importRoute = await import("@/app/api/knowledge/import/route");
const rerunRoute = await import("@/app/api/troubleshooting/events/[id]/rerun/route");
const sampleDataRoute = await import("@/app/api/settings/sample-data/route");
const evalSetsRoute = await import("@/app/api/evals/route");
const evalSetRoute = await import("@/app/api/evals/[id]/route");
const evalCasesRoute = await import("@/app/api/evals/[id]/cases/route");
const evalCaseRoute = await import("@/app/api/evals/[id]/cases/[key]/route");
const eraseRoute = await import("@/app/api/contacts/erase/route");

const ADMIN: AuthUser = { id: "u-audit-admin", email: "ada@frontline.test", name: "Ada Admin", role: "admin" };
const OTHER_ADMIN: AuthUser = { id: "u-audit-other", email: "otto@frontline.test", name: "Otto Other", role: "admin" };
const VIEWER: AuthUser = { id: "u-audit-viewer", email: "vera@frontline.test", name: "Vera Viewer", role: "viewer" };

const SECRETS = {
  aiKey: `sk-audit-${randomBytes(9).toString("base64url")}`,
  aiKey2: `sk-audit-two-${randomBytes(9).toString("base64url")}`,
  appSecret: `app-secret-${randomBytes(9).toString("base64url")}`,
  ruleSecret: `rule-secret-${randomBytes(9).toString("base64url")}`,
  header: `Bearer hdr-${randomBytes(9).toString("base64url")}`,
  header2: `Bearer hdr-two-${randomBytes(9).toString("base64url")}`,
  password: `pw-${randomBytes(9).toString("base64url")}`,
};

const json = (url: string, method: string, body: unknown) =>
  new Request(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const params = <T extends string | number>(id: T) => ({ params: Promise.resolve({ id: String(id) }) });

async function ok(response: Response, status = 200): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}

async function audit(query = ""): Promise<AuditResponse> {
  return (await ok(
    await auditRoute.GET(new Request(`http://frontline.test/api/audit${query}`)),
  )) as unknown as AuditResponse;
}

const ACTION_INPUT = {
  name: "order_status",
  description: "Looks up an order's delivery status by its number.",
  parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
  method: "GET",
  urlTemplate: "https://orders.example.com/orders/{order_id}",
};

describe("auditChange", () => {
  it("keeps only what changed and shows secrets as markers, never values", () => {
    expect(auditChange({ before: { a: 1, b: { c: 1, d: 2 } }, after: { a: 1, b: { c: 1, d: 3 } } })).toEqual({
      before: { b: { d: 2 } },
      after: { b: { d: 3 } },
    });
    expect(auditChange({ before: { a: 1 }, after: { a: 1 } })).toBeNull();
    expect(auditChange({ before: { apiKey: "sealed-1" }, after: { apiKey: "sealed-2" } })).toEqual({
      before: { apiKey: "set" },
      after: { apiKey: "replaced" },
    });
    expect(auditChange({ before: {}, after: { appSecret: "sealed" } })).toEqual({
      before: {},
      after: { appSecret: "set" },
    });
    expect(auditChange({ before: { apiKey: "sealed" }, after: {} })).toEqual({
      before: { apiKey: "set" },
      after: { apiKey: "removed" },
    });
    expect(auditChange({ before: { apiKey: "same", x: 1 }, after: { apiKey: "same", x: 2 } })).toEqual({
      before: { x: 1 },
      after: { x: 2 },
    });
    // A secret header: matched by name; a kept one is "unchanged", a new value "replaced", a plain header as it is.
    const headers = auditChange({
      before: {
        headers: [
          { name: "X-Key", secret: true, value: "sealed-a" },
          { name: "X-Team", secret: false, value: "support" },
        ],
      },
      after: {
        headers: [
          { name: "X-Team", secret: false, value: "sales" },
          { name: "x-key", secret: true, value: "sealed-a" },
        ],
      },
    });
    expect(headers).toEqual({
      before: {
        headers: [
          { name: "X-Key", secret: true, value: "unchanged" },
          { name: "X-Team", secret: false, value: "support" },
        ],
      },
      after: {
        headers: [
          { name: "X-Team", secret: false, value: "sales" },
          { name: "x-key", secret: true, value: "unchanged" },
        ],
      },
    });
    expect(
      auditChange({
        before: null,
        after: { headers: [{ name: "X-Key", secret: true, value: "sealed" }], password: "pw" },
      }),
    ).toEqual({
      before: null,
      after: { headers: [{ name: "X-Key", secret: true, value: "set" }], password: "set" },
    });
    const long = "x".repeat(5_000);
    expect(JSON.stringify(auditChange({ before: null, after: { body: long } }))).toContain("… (5000 characters)");
  });
});

describe.each(dbKinds())("audit log on %s", (kind) => {
  let database: Database;
  const key = randomBytes(32);
  let actionId = "";
  let articleId = "";

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    current.db = db;
    const config = parseConfig({});
    current.services = {
      db,
      config,
      settings: new FrontSettingsStore(db, config, key, 0),
      agentSettings: new AgentSettingsStore(db, config, key, 0),
      // The action's host resolves to a public address without asking DNS.
      actions: new ActionsStore(db, key, 0, { resolve: async () => [{ address: "93.184.216.34", family: 4 }] }),
    };
    await db
      .insert(users)
      .values([ADMIN, OTHER_ADMIN, VIEWER].map(({ id, email, name, role }) => ({ id, email, name, role })));
    current.user = ADMIN;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("records each kind of admin change with who, what and before → after", async () => {
    // Settings → AI: a key set, then replaced along with the instructions.
    await ok(
      await aiRoute.PUT(
        json("http://t/api/settings/ai", "PUT", { model: "openai:gpt-4o-mini", apiKey: SECRETS.aiKey }),
      ),
    );
    await ok(
      await aiRoute.PUT(json("http://t/api/settings/ai", "PUT", { apiKey: SECRETS.aiKey2, instructions: "Be brief." })),
    );
    // Saved again as it is: nothing changed, nothing recorded.
    await ok(await aiRoute.PUT(json("http://t/api/settings/ai", "PUT", { instructions: "Be brief." })));
    // Settings → Front: secrets (no token, so Front is not asked) and a switch.
    await ok(
      await frontRoute.PUT(
        json("http://t/api/settings/front", "PUT", {
          appSecret: SECRETS.appSecret,
          ruleSecret: SECRETS.ruleSecret,
          channels: { sms: false },
        }),
      ),
    );
    // Actions: created with a secret header, changed (the secret kept, then replaced), deleted.
    const created = await ok(
      await actionsRoute.POST(
        json("http://t/api/settings/actions", "POST", {
          ...ACTION_INPUT,
          headers: [{ name: "Authorization", value: SECRETS.header, secret: true }],
        }),
      ),
      201,
    );
    actionId = (created.action as { id: string }).id;
    await ok(
      await actionRoute.PUT(
        json(`http://t/api/settings/actions/${actionId}`, "PUT", {
          description: "Order status by number.",
          headers: [{ name: "Authorization", secret: true }],
        }),
        params(actionId),
      ),
    );
    await ok(
      await actionRoute.PUT(
        json(`http://t/api/settings/actions/${actionId}`, "PUT", {
          headers: [{ name: "Authorization", value: SECRETS.header2, secret: true }],
        }),
        params(actionId),
      ),
    );
    // Knowledge: created, changed, imported, deleted.
    const article = await ok(
      await knowledgeRoute.POST(
        json("http://t/api/knowledge", "POST", { title: "Gift cards", body: "Gift cards never expire." }),
      ),
      201,
    );
    articleId = (article.article as { id: string }).id;
    await ok(
      await articleRoute.PUT(
        json(`http://t/api/knowledge/${articleId}`, "PUT", {
          title: "Gift cards",
          body: "Gift cards expire after five years.",
        }),
        params(articleId),
      ),
    );
    await ok(
      await importRoute.POST(
        json("http://t/api/knowledge/import", "POST", {
          files: [
            { name: "returns.md", content: "# Returns\n\nThirty days." },
            { name: "gift.md", content: "# Gift cards\n\nGift cards expire after five years." },
          ],
        }),
      ),
    );
    current.user = OTHER_ADMIN;
    await ok(await articleRoute.DELETE(new Request(`http://t/api/knowledge/${articleId}`), params(articleId)));
    await ok(await actionRoute.DELETE(new Request(`http://t/api/settings/actions/${actionId}`), params(actionId)));
    // A re-run of a stored event (its first job done), and a sample-data clear.
    const event = await storeVerifiedEvent(database.db, {
      frontEventId: "evt_audit01",
      kind: "application",
      envelopeType: "inbound_received",
      eventType: "inbound",
      frontConversationId: "cnv_audit01",
      headers: {},
      body: {},
    });
    await database.db.execute(sql`update jobs set state = 'done'`);
    const rerun = await ok(
      await rerunRoute.POST(
        new Request(`http://t/api/troubleshooting/events/${event.id}/rerun`, { method: "POST" }),
        params(event.id),
      ),
    );
    expect(rerun.status).toBe("queued");
    await ok(await sampleDataRoute.DELETE(new Request("http://t/api/settings/sample-data", { method: "DELETE" })));
    // A user made on the command line.
    const auth = createAuth({
      db: database.db,
      secret: "audit-test-secret-audit-test-secret-0123",
      appUrl: "http://localhost:3000",
    });
    const made = await createUserAccount(
      auth,
      { email: "newbie@frontline.test", password: SECRETS.password, name: "Newbie", role: "viewer" },
      { db: database.db, actor: { id: null, email: null, name: "Command line" } },
    );
    expect(made.status).toBe("created");

    current.user = ADMIN;
    const { entries } = await audit("?limit=200");
    const byAction = (action: string) => entries.filter((entry) => entry.action === action).reverse();
    expect(entries.map((entry) => entry.action)).toEqual([
      "users.create",
      "sample_data.clear",
      "troubleshooting.rerun",
      "actions.delete",
      "knowledge.delete",
      "knowledge.import",
      "knowledge.update",
      "knowledge.create",
      "actions.update",
      "actions.update",
      "actions.create",
      "settings.front.update",
      "settings.ai.update",
      "settings.ai.update",
    ]);
    // Newest first, with the actor as they were.
    expect(entries[0].actor).toEqual({ id: null, email: null, name: "Command line" });
    expect(entries[0].after).toEqual({
      id: made.user.id,
      email: "newbie@frontline.test",
      name: "Newbie",
      role: "viewer",
    });
    expect(byAction("settings.ai.update")[0]).toMatchObject({
      actor: { id: ADMIN.id, email: ADMIN.email, name: ADMIN.name },
      target: null,
      before: {},
      after: { model: "openai:gpt-4o-mini", apiKey: "set" },
    });
    expect(byAction("settings.ai.update")[1]).toMatchObject({
      before: { apiKey: "set" },
      after: { apiKey: "replaced", instructions: "Be brief." },
    });
    expect(byAction("settings.front.update")[0]).toMatchObject({
      before: {},
      after: { appSecret: "set", ruleSecret: "set", channels: { sms: false } },
    });
    const [actionCreated] = byAction("actions.create");
    expect(actionCreated).toMatchObject({
      target: "order_status",
      before: null,
      after: {
        name: "order_status",
        urlTemplate: ACTION_INPUT.urlTemplate,
        headers: [{ name: "Authorization", secret: true, value: "set" }],
      },
    });
    const [kept, replaced] = byAction("actions.update");
    expect(kept).toEqual(
      expect.objectContaining({
        before: { description: ACTION_INPUT.description },
        after: { description: "Order status by number." },
      }),
    );
    expect(replaced).toMatchObject({
      before: { headers: [{ name: "Authorization", value: "set" }] },
      after: { headers: [{ name: "Authorization", value: "replaced" }] },
    });
    expect(byAction("actions.delete")[0]).toMatchObject({
      actor: { email: OTHER_ADMIN.email },
      before: { name: "order_status", headers: [{ value: "set" }] },
      after: null,
    });
    expect(byAction("knowledge.create")[0]).toMatchObject({
      target: "Gift cards",
      before: null,
      after: { title: "Gift cards", body: "Gift cards never expire." },
    });
    expect(byAction("knowledge.update")[0]).toMatchObject({
      before: { body: "Gift cards never expire." },
      after: { body: "Gift cards expire after five years." },
    });
    expect(byAction("knowledge.import")[0]).toMatchObject({
      target: "2 files",
      after: { created: ["Returns"], updated: [], unchanged: 1 },
    });
    expect(byAction("knowledge.delete")[0]).toMatchObject({
      actor: { email: OTHER_ADMIN.email },
      target: "Gift cards",
      after: null,
    });
    expect(byAction("troubleshooting.rerun")[0]).toMatchObject({
      target: `event ${event.id}`,
      after: { eventId: event.id, attemptId: rerun.attemptId },
    });
    expect(byAction("sample_data.clear")[0]).toMatchObject({ after: { sessions: 0, webhookEvents: 0 } });

    // No secret in any form, nor the sealed values the settings hold, anywhere in the table.
    const table = rowsOf<{ row: string }>(await database.db.execute(sql`select t::text as row from audit_log t`))
      .map(({ row }) => row)
      .join("\n");
    for (const secret of Object.values(SECRETS)) {
      for (const form of [
        secret,
        secret.replace(/^Bearer /, ""),
        encodeURIComponent(secret),
        Buffer.from(secret).toString("base64"),
        Buffer.from(secret).toString("hex"),
      ])
        expect(table).not.toContain(form);
    }
    const documents = Object.fromEntries(
      (await database.db.select().from(appSettings)).map((row) => [row.key, row.value as Record<string, string>]),
    );
    const sealed = [documents.front.appSecret, documents.front.ruleSecret, documents.ai.apiKey];
    expect(sealed.every((value) => typeof value === "string" && value.length > 20)).toBe(true);
    for (const value of sealed) expect(table).not.toContain(value);
    // Nor the masked hints the pages show ("••••abcd").
    expect(table).not.toContain("••••");
  });

  it("filters by action prefix, actor and time, and pages newest first", async () => {
    const settings = await audit("?action=settings");
    expect(new Set(settings.entries.map((entry) => entry.action))).toEqual(
      new Set(["settings.ai.update", "settings.front.update"]),
    );
    expect((await audit("?action=actions.update")).entries.map((entry) => entry.action)).toEqual([
      "actions.update",
      "actions.update",
    ]);
    // A prefix matches at a dot only.
    expect((await audit("?action=action")).entries).toEqual([]);
    expect(new Set((await audit("?actor=otto")).entries.map((entry) => entry.actor.email))).toEqual(
      new Set([OTHER_ADMIN.email]),
    );
    expect((await audit(`?actor=${ADMIN.id}`)).entries.every((entry) => entry.actor.id === ADMIN.id)).toBe(true);
    expect((await audit("?actor=command")).entries.map((entry) => entry.action)).toEqual(["users.create"]);

    const all = (await audit("?limit=200")).entries;
    const first = await audit("?limit=5");
    expect(first.entries.map((entry) => entry.id)).toEqual(all.slice(0, 5).map((entry) => entry.id));
    expect(first.nextCursor).toBe(all[4].id);
    const second = await audit(`?limit=5&cursor=${first.nextCursor}`);
    expect(second.entries.map((entry) => entry.id)).toEqual(all.slice(5, 10).map((entry) => entry.id));
    const ids = all.map((entry) => entry.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const today = new Date().toISOString().slice(0, 10);
    expect((await audit(`?from=${today}&to=${today}`)).entries.length).toBe(all.length);
    expect((await audit("?to=2020-01-01")).entries).toEqual([]);
    const oldest: AuditEntryView = all[all.length - 1];
    expect(
      (await audit(`?from=${encodeURIComponent(new Date(Date.parse(oldest.at) + 60_000).toISOString())}`)).entries,
    ).toEqual([]);
    expect((await auditRoute.GET(new Request("http://t/api/audit?from=yesterday"))).status).toBe(422);
    expect((await auditRoute.GET(new Request("http://t/api/audit?from=2026-02-02&to=2026-01-01"))).status).toBe(422);
  });

  it("records test-set changes: created, cases saved and deleted, deleted", async () => {
    const created = await ok(
      await evalSetsRoute.POST(json("http://t/api/evals", "POST", { name: "Audit probe set" })),
      201,
    );
    const setId = (created.set as { id: string }).id;
    const jsonl = [
      '{"id":"hello","channel":"sms","input":"Hi","expect":{"outcome":"answer"}}',
      '{"id":"refund","channel":"email","input":"Refund me","expect":{"outcome":"handoff"}}',
    ].join("\n");
    await ok(await evalCasesRoute.POST(json(`http://t/api/evals/${setId}/cases`, "POST", { jsonl }), params(setId)));
    const caseParams = { params: Promise.resolve({ id: setId, key: "hello" }) };
    expect(
      (await evalCaseRoute.DELETE(new Request(`http://t/api/evals/${setId}/cases/hello`), caseParams)).status,
    ).toBe(204);
    expect((await evalSetRoute.DELETE(new Request(`http://t/api/evals/${setId}`), params(setId))).status).toBe(204);
    const { entries } = await audit("?action=evals");
    expect(entries.map((entry) => [entry.action, entry.actor.email])).toEqual([
      ["evals.delete", ADMIN.email],
      ["evals.cases.delete", ADMIN.email],
      ["evals.cases.save", ADMIN.email],
      ["evals.create", ADMIN.email],
    ]);
    expect(entries[3]).toMatchObject({
      target: "Audit probe set",
      before: null,
      after: { id: setId, name: "Audit probe set" },
    });
    expect(entries[2].after).toMatchObject({ caseIds: ["hello", "refund"], replace: false });
    expect(entries[1]).toMatchObject({ before: { setId, caseId: "hello" }, after: null });
    expect(entries[0]).toMatchObject({ target: "Audit probe set", before: { id: setId }, after: null });
  });

  it("records a customer's erasure by its counts, never the handle", async () => {
    const handle = "+14155550199";
    await ok(await eraseRoute.POST(json("http://t/api/contacts/erase", "POST", { handle })));
    const [entry] = (await audit("?action=contacts.erase")).entries;
    expect(entry).toMatchObject({
      action: "contacts.erase",
      target: null,
      before: null,
      actor: { email: ADMIN.email },
    });
    expect(entry.after).toMatchObject({ cases: 0 });
    expect(JSON.stringify(entry)).not.toContain("4155550199");
  });

  it("is for admins only: a viewer gets 403, nobody signed out 401", async () => {
    current.user = VIEWER;
    expect(await ok(await auditRoute.GET(new Request("http://t/api/audit")), 403)).toMatchObject({
      error: { code: "forbidden" },
    });
    current.user = null;
    expect((await auditRoute.GET(new Request("http://t/api/audit"))).status).toBe(401);
    current.user = ADMIN;
  });

  it("refuses UPDATE, DELETE and TRUNCATE; a deleted actor's rows keep who it was", async () => {
    const count = async () => (await database.db.select().from(auditLog)).length;
    const before = await count();
    await expect(database.db.execute(sql`update audit_log set action = 'settings.ai.update'`)).rejects.toThrow();
    // Not even the actor's id, while the account exists.
    await expect(
      database.db.execute(sql`update audit_log set actor_id = null where actor_id is not null`),
    ).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect(await count()).toBe(before);
    // The foreign key's own set null, when the account is deleted, is the one change allowed.
    const row = await recordAudit(database.db, {
      actor: { id: VIEWER.id, email: VIEWER.email, name: VIEWER.name },
      action: "settings.ai.update",
      before: { x: 1 },
      after: { x: 2 },
    });
    expect(row?.actorId).toBe(VIEWER.id);
    await database.db.execute(sql`delete from users where id = ${VIEWER.id}`);
    const [kept] = rowsOf<{ actor_id: string | null; actor_email: string; after: unknown }>(
      await database.db.execute(sql`select actor_id, actor_email, after from audit_log where id = ${row!.id}`),
    );
    expect(kept).toEqual({ actor_id: null, actor_email: VIEWER.email, after: { x: 2 } });
    // An actor whose account no longer exists is written with a null id, not refused.
    const orphan = await recordAudit(database.db, {
      actor: { id: "u-gone", email: "gone@frontline.test", name: "Gone" },
      action: "settings.ai.update",
      before: { x: 2 },
      after: { x: 3 },
    });
    expect(orphan).toMatchObject({ actorId: null, actorEmail: "gone@frontline.test" });
    expect(
      await recordAudit(database.db, {
        actor: SYSTEM_ACTOR,
        action: "settings.ai.update",
        before: { x: 3 },
        after: { x: 3 },
      }),
    ).toBeNull();
  });
});
