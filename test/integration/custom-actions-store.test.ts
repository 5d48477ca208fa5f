import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { callHttpAction, type HttpActionError } from "@/lib/actions/http-action";
import type { Database } from "@/lib/db/client";
import { appSettings } from "@/lib/db/schema";
import { ActionsStore, ActionStoreError, type ActionCreateInput } from "@/lib/settings/actions-store";
import { createTestDatabase, dbKinds } from "../helpers/db";

const SECRET = "sk_live_order_api_0451";
/** api.example.com as a public address (TEST-NET-3), without asking the DNS: nothing here connects anywhere. */
const guard = { resolve: async () => [{ address: "203.0.113.10", family: 4 }] };

function orderStatus(overrides: Partial<ActionCreateInput> = {}): ActionCreateInput {
  return {
    name: "order_status",
    description: "Look up an order's shipping status by its number.",
    parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    method: "GET",
    urlTemplate: "https://api.example.com/orders/{order_id}",
    headers: [
      { name: "Authorization", value: `Bearer ${SECRET}`, secret: true },
      { name: "X-Team", value: "support", secret: false },
    ],
    timeoutMs: 2_000,
    channels: ["voice", "sms"],
    ...overrides,
  };
}

/** What the store refused, as the admin would read it. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof z.ZodError)
      return error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n");
    if (error instanceof ActionStoreError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error("expected the store to refuse");
}

describe.each(dbKinds())("custom actions store on %s", (kind) => {
  let database: Database;
  const key = randomBytes(32);
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function rawDocument(): Promise<string> {
    const [row] = await database.db.select().from(appSettings).where(eq(appSettings.key, "actions"));
    return JSON.stringify(row?.value ?? null);
  }

  it("starts empty", async () => {
    const store = new ActionsStore(database.db, key, 0, guard);
    expect(await store.list()).toEqual([]);
    expect(await store.listForAdmin()).toEqual([]);
  });

  it("keeps a secret header encrypted at rest, masked for the admin, and in clear only for the call", async () => {
    const store = new ActionsStore(database.db, key, 0, guard);
    const created = await store.create(orderStatus());
    expect(created).toMatchObject({
      name: "order_status",
      method: "GET",
      enabled: true,
      timeoutMs: 2_000,
      channels: ["voice", "sms"],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const raw = await rawDocument();
    expect(raw).not.toContain(SECRET);
    expect(raw).toContain("support"); // a plain header is kept as it is

    const [view] = await store.listForAdmin();
    expect(view.headers).toEqual([
      { name: "Authorization", secret: true, value: null, masked: "••••0451" },
      { name: "X-Team", secret: false, value: "support", masked: null },
    ]);
    expect(JSON.stringify(view)).not.toContain(SECRET);

    const [ready] = await store.list();
    expect(ready).toMatchObject({
      id: created.id,
      name: "order_status",
      headers: { Authorization: `Bearer ${SECRET}`, "X-Team": "support" },
    });
    expect((await store.getForCall(created.id)).headers.Authorization).toBe(`Bearer ${SECRET}`);
  });

  it("takes a secret header's value (and a bearer token alone) out of what a server echoes back, but not a plain header's", async () => {
    const store = new ActionsStore(database.db, key, 0, guard);
    const [ready] = await store.list();
    const echo = (status: number) =>
      (async (_url: string | URL | Request, init?: RequestInit) =>
        new Response(JSON.stringify({ headers: init?.headers, token: SECRET }), { status })) as typeof fetch;
    const answered = await callHttpAction(ready, { order_id: "4411" }, { fetch: echo(200), guard });
    expect(JSON.stringify(answered.body)).not.toContain(SECRET);
    expect(answered.body).toMatchObject({
      headers: { Authorization: "[redacted]", "X-Team": "support" },
      token: "[redacted]",
    });
    const refused = await callHttpAction(ready, { order_id: "4411" }, { fetch: echo(401), guard }).catch(
      (error: Error) => error,
    );
    expect((refused as Error).message).toContain("order_status answered 401");
    expect(`${(refused as Error).message} ${JSON.stringify((refused as HttpActionError).body)}`).not.toContain(SECRET);
  });

  it("keeps a saved secret when an edit leaves its value out, and replaces it when a new one is entered", async () => {
    const store = new ActionsStore(database.db, key, 0, guard);
    const [existing] = await store.listForAdmin();
    const edited = await store.update(existing.id, {
      description: "Look up where an order is and when it arrives.",
      headers: [
        { name: "Authorization", secret: true },
        { name: "X-Team", value: "billing", secret: false },
      ],
    });
    expect(edited.description).toBe("Look up where an order is and when it arrives.");
    expect(edited.headers[0]).toMatchObject({ secret: true, masked: "••••0451" });
    expect((await store.list())[0].headers).toEqual({ Authorization: `Bearer ${SECRET}`, "X-Team": "billing" });

    // A switch in the list sends only `enabled`: the rest stays.
    expect(await store.update(existing.id, { enabled: false })).toMatchObject({
      enabled: false,
      name: "order_status",
      urlTemplate: existing.urlTemplate,
    });
    await store.update(existing.id, {
      enabled: true,
      headers: [{ name: "Authorization", value: "Bearer sk_rotated_9999", secret: true }],
    });
    expect((await store.list())[0].headers).toEqual({ Authorization: "Bearer sk_rotated_9999" });
    expect(await rawDocument()).not.toContain("sk_rotated_9999");
  });

  it("refuses invalid definitions with messages that name the field", async () => {
    const store = new ActionsStore(database.db, key, 0, guard);
    expect(
      await refusal(store.create(orderStatus({ name: "order_status_two", parameters: { type: "array" } as never }))),
    ).toMatch(/parameters\.type/);
    expect(
      await refusal(
        store.create(
          orderStatus({
            name: "order_status_two",
            parameters: { type: "object", properties: { order_id: { type: "text" } } },
          }),
        ),
      ),
    ).toMatch(/parameters\.properties\.order_id\.type: must be one of string/);
    expect(
      await refusal(
        store.create(
          orderStatus({
            name: "order_status_two",
            parameters: { type: "object", properties: { id: { type: "string" } }, required: ["order_id"] },
          }),
        ),
      ),
    ).toMatch(/parameters\.required: names 'order_id', which is not in properties/);
    expect(
      await refusal(
        store.create(
          orderStatus({ name: "order_status_two", urlTemplate: "https://api.example.com/orders/{order_number}" }),
        ),
      ),
    ).toMatch(/urlTemplate: uses \{order_number\}, which is not a parameter/);
    expect(
      await refusal(
        store.create(
          orderStatus({ name: "order_status_two", urlTemplate: "https://api.example.com/orders/{order id}" }),
        ),
      ),
    ).toMatch(/urlTemplate: has a \{ or \} that is not a \{placeholder\}/);
    expect(await refusal(store.create(orderStatus({ name: "order_status_two", urlTemplate: "not a url" })))).toMatch(
      /urlTemplate: must be a URL/,
    );
    expect(await refusal(store.create(orderStatus({ name: "Order Status" })))).toMatch(/name: must be snake_case/);
    expect(await refusal(store.create(orderStatus({ name: "lookup_contact" })))).toMatch(
      /name: is a built-in tool's name/,
    );
    expect(await refusal(store.create(orderStatus()))).toMatch(
      /^duplicate_name: name: an action called 'order_status' already exists/,
    );
    expect(
      await refusal(
        store.create(orderStatus({ name: "order_status_two", headers: [{ name: "Authorization", secret: true }] })),
      ),
    ).toMatch(/^secret_missing: headers: enter a value for the secret header 'Authorization'/);
    expect(
      await refusal(
        store.create(
          orderStatus({
            name: "order_status_two",
            headers: [
              { name: "X-Key", value: "a", secret: false },
              { name: "x-key", value: "b", secret: false },
            ],
          }),
        ),
      ),
    ).toMatch(/'x-key' is listed twice/);
    expect(await refusal(store.create(orderStatus({ name: "order_status_two", timeoutMs: 60_000 })))).toMatch(
      /timeoutMs: must be at most 30,000 ms/,
    );
    expect(await refusal(store.create({ ...orderStatus({ name: "order_status_two" }), extra: true }))).toMatch(
      /Unrecognized key/,
    );

    // An edit is checked as a whole: a URL placeholder must still match the parameters.
    const [existing] = await store.listForAdmin();
    expect(
      await refusal(
        store.update(existing.id, { parameters: { type: "object", properties: { id: { type: "string" } } } }),
      ),
    ).toMatch(/urlTemplate: uses \{order_id\}, which is not a parameter/);
    const second = await store.create(orderStatus({ name: "refund_order", method: "POST", headers: [] }));
    expect(await refusal(store.update(second.id, { name: "order_status" }))).toMatch(/^duplicate_name/);
    expect(await refusal(store.update("00000000-0000-4000-8000-000000000000", { enabled: false }))).toMatch(
      /^not_found/,
    );
    expect((await store.listForAdmin()).map((action) => action.name)).toEqual(["order_status", "refund_order"]);
  });

  it("deletes an action, and refuses an unknown id", async () => {
    const store = new ActionsStore(database.db, key, 0, guard);
    const refund = (await store.listForAdmin()).find((action) => action.name === "refund_order")!;
    await store.delete(refund.id);
    expect((await store.listForAdmin()).map((action) => action.name)).toEqual(["order_status"]);
    expect(await refusal(store.delete(refund.id))).toMatch(/^not_found/);
  });

  it("leaves out of the pipeline an action whose secret was sealed with another key, and says so to the admin", async () => {
    const otherKey = new ActionsStore(database.db, randomBytes(32), 0, guard);
    expect(await otherKey.list()).toEqual([]);
    const [view] = await otherKey.listForAdmin();
    expect(view.headers[0]).toEqual({
      name: "Authorization",
      secret: true,
      value: null,
      masked: null,
      unreadable: true,
    });
    expect(await refusal(otherKey.getForCall(view.id))).toMatch(/^not_callable: .*cannot be decrypted/);
    // Entering the secret again makes it usable with the new key.
    await otherKey.update(view.id, {
      headers: [{ name: "Authorization", value: "Bearer sk_new_key_1234", secret: true }],
    });
    expect((await otherKey.list())[0].headers).toEqual({ Authorization: "Bearer sk_new_key_1234" });
  });

  it("serves the pipeline from a short cache that a change in this process clears", async () => {
    const store = new ActionsStore(database.db, key, 60_000, guard);
    const probe = await store.create(orderStatus({ name: "cache_probe", headers: [] }));
    const before = await store.list();
    expect(before.map((action) => action.name)).toContain("cache_probe");
    expect(await store.list()).toBe(before);
    await store.update(probe.id, { channels: ["email"] });
    expect((await store.list()).find((action) => action.name === "cache_probe")?.channels).toEqual(["email"]);
  });
});
