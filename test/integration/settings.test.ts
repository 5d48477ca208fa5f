import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { appSettings } from "@/lib/db/schema";
import { ALL_FRONT_SCOPES, createFrontSimulator, FRONT_SCOPES_BY_ENDPOINT, type FrontSimulator } from "@/front-sim";
import { endpointOf } from "@/front-sim/core-api";
import { describeMissingScopes, SCOPE_REQUIREMENTS } from "@/lib/front/token-scopes";
import { decryptSecret, encryptSecret, loadEncryptionKey, maskSecret } from "@/lib/secrets/encryption";
import { checkFrontToken } from "@/lib/settings/front-connection";
import { FrontSettingsStore, frontSettingsPatchSchema } from "@/lib/settings/front-settings";
import { LockedSettingError } from "@/lib/settings/locked-setting";
import { createTestDatabase, dbKinds } from "../helpers/db";

describe("secrets at rest", () => {
  it("round-trips through AES-GCM and refuses a tampered value or another key", () => {
    const key = randomBytes(32);
    const sealed = encryptSecret(key, "front-token-123");
    expect(sealed).not.toContain("front-token-123");
    expect(decryptSecret(key, sealed)).toBe("front-token-123");
    const tampered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(() => decryptSecret(key, tampered)).toThrow();
    expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
  });

  it("generates a key into the data directory once, and logs it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "frontline-key-"));
    const logs: string[] = [];
    const first = loadEncryptionKey({ dataDir: dir, log: (line) => logs.push(line) });
    const second = loadEncryptionKey({ dataDir: dir, log: (line) => logs.push(line) });
    expect(first.equals(second)).toBe(true);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain("ENCRYPTION_KEY is not set");
    expect(readFileSync(path.join(dir, "encryption.key"), "utf8").trim()).toBe(first.toString("base64"));
    rmSync(dir, { recursive: true, force: true });
  });

  it("prefers ENCRYPTION_KEY and never shows a secret in full", () => {
    const hex = randomBytes(32).toString("hex");
    expect(loadEncryptionKey({ envKey: hex, dataDir: "/nonexistent" }).toString("hex")).toBe(hex);
    expect(maskSecret("abcdefghijkl")).toBe("••••ijkl");
    expect(maskSecret("short")).toBe("••••");
    expect(maskSecret(undefined)).toBeNull();
  });
});

describe.each(dbKinds())("Front settings on %s", (kind) => {
  let database: Database;
  const key = randomBytes(32);
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("starts from safe defaults: on, every channel on, unassigned off", async () => {
    const store = new FrontSettingsStore(database.db, parseConfig({}), key, 0);
    const { values, locked } = await store.get();
    expect(values).toMatchObject({
      enabled: true,
      handleUnassigned: false,
      archiveOnReply: false,
      channels: { voice: true, email: true, sms: true, whatsapp: true, web: true },
    });
    expect(values.apiToken).toBeUndefined();
    expect(Object.values(locked).every((flag) => flag === false)).toBe(true);
  });

  it("saves secrets encrypted, reads them back, and takes effect at once", async () => {
    const store = new FrontSettingsStore(database.db, parseConfig({}), key);
    await store.save(
      {
        apiToken: "tok_secret_value_1",
        appSecret: "app-secret-1",
        aiTeammateId: "tea_ai01",
        handleUnassigned: true,
        channels: { sms: false },
      },
      { company: { id: "cmp_1", name: "Acme" } },
    );
    const { values } = await store.get();
    expect(values).toMatchObject({
      apiToken: "tok_secret_value_1",
      appSecret: "app-secret-1",
      aiTeammateId: "tea_ai01",
      handleUnassigned: true,
      company: { id: "cmp_1", name: "Acme" },
    });
    expect(values.channels).toMatchObject({ sms: false, voice: true });
    const [row] = await database.db.select().from(appSettings);
    expect(JSON.stringify(row.value)).not.toContain("tok_secret_value_1");
    expect(JSON.stringify(row.value)).not.toContain("app-secret-1");
  });

  it("reads a secret sealed with another key as unset instead of failing", async () => {
    const store = new FrontSettingsStore(database.db, parseConfig({}), randomBytes(32), 0);
    const { values } = await store.get();
    expect(values.apiToken).toBeUndefined();
    expect(values.aiTeammateId).toBe("tea_ai01");
  });

  it("keeps the phone channels as a whole list: none by default, replaced on save, emptied with []", async () => {
    const store = new FrontSettingsStore(database.db, parseConfig({}), key, 0);
    expect((await store.get()).values.phoneChannels).toEqual([]);
    const phone = { id: "cha_call1", name: "Phone calls", address: "voice:+18005550199", inboxId: "inb_phone1" };
    await store.save(frontSettingsPatchSchema.parse({ phoneChannels: [phone, { id: "cha_truly2" }] }));
    expect((await store.get()).values.phoneChannels).toEqual([phone, { id: "cha_truly2" }]);
    await store.save(frontSettingsPatchSchema.parse({ phoneChannels: [phone] }));
    expect((await store.get()).values.phoneChannels).toEqual([phone]);
    await store.save(frontSettingsPatchSchema.parse({ phoneChannels: [] }));
    expect((await store.get()).values.phoneChannels).toEqual([]);
  });

  it("refuses a phone channel that is not a channel, an inbox that is not an inbox, unknown fields and repeats", () => {
    for (const phoneChannels of [
      [{ id: "inb_phone1" }],
      [{ id: "cha_1", inboxId: "cha_2" }],
      [{ id: "cha_1", kind: "voice" }],
      [{ id: "cha_1" }, { id: "cha_1" }],
      "cha_1",
    ]) {
      expect(frontSettingsPatchSchema.safeParse({ phoneChannels }).success, JSON.stringify(phoneChannels)).toBe(false);
    }
  });

  it("lets the environment win, shows it locked, and refuses to save over it", async () => {
    const store = new FrontSettingsStore(
      database.db,
      parseConfig({ FRONT_API_TOKEN: "env-token", FRONT_HANDLE_UNASSIGNED: "false" }),
      key,
      0,
    );
    const { values, locked } = await store.get();
    expect(values.apiToken).toBe("env-token");
    expect(values.handleUnassigned).toBe(false);
    expect(locked).toMatchObject({ apiToken: true, handleUnassigned: true, appSecret: false });
    await expect(store.save({ apiToken: "other" })).rejects.toBeInstanceOf(LockedSettingError);
    await expect(store.save({ enabled: false })).resolves.toBeUndefined();
    expect((await store.get()).values.enabled).toBe(false);
  });
});

describe("checking a Front token before it is saved", () => {
  let sim: FrontSimulator;
  beforeAll(async () => {
    sim = await createFrontSimulator({ apiToken: "the-right-token", appSecret: "s" });
  });
  afterEach(() => sim.clearFaults());
  afterAll(async () => {
    await sim.close();
  });

  it("accepts a good token, names the company, and finds every scope Frontline needs", async () => {
    const check = await checkFrontToken(sim.url, "the-right-token");
    expect(check).toMatchObject({ ok: true, company: { id: "cmp_4thp0", name: expect.any(String) } });
    expect(check.ok && check.scopes.missing).toEqual([]);
    expect(check.ok && check.scopes.results.map((result) => result.state)).toEqual(
      SCOPE_REQUIREMENTS.map(() => "granted"),
    );
  });

  it("names each scope the token lacks and what Frontline cannot do without it, and still saves the token", async () => {
    sim.configure({
      tokenScopes: ALL_FRONT_SCOPES.filter((scope) => scope !== "messages:send" && scope !== "drafts:write"),
    });
    try {
      const check = await checkFrontToken(sim.url, "the-right-token");
      expect(check.ok).toBe(true);
      if (!check.ok) return;
      expect(check.scopes.missing).toEqual(["messages:send", "drafts:write"]);
      expect(describeMissingScopes(check.scopes)).toEqual([
        "The token lacks messages:send: Frontline cannot reply to customers and text callers back.",
        "The token lacks drafts:write: Frontline cannot leave shared drafts for a teammate.",
      ]);
      // The checks write nothing: a conversation id Front can never have.
      expect(sim.listConversations()).toEqual([]);
    } finally {
      sim.configure({ tokenScopes: null });
    }
  });

  it("checks each scope with a request that needs exactly that scope, in Front's own table", async () => {
    for (const requirement of SCOPE_REQUIREMENTS) {
      const endpoint = endpointOf(requirement.method, requirement.path.split("?")[0]);
      expect(endpoint, requirement.path).toBeDefined();
      expect(FRONT_SCOPES_BY_ENDPOINT[endpoint!], endpoint).toEqual([requirement.scope]);
    }
  });

  it("finds every scope missing from a token that holds none", async () => {
    sim.configure({ tokenScopes: [] });
    try {
      const check = await checkFrontToken(sim.url, "the-right-token");
      expect(check.ok && check.scopes.missing).toEqual(SCOPE_REQUIREMENTS.map((requirement) => requirement.scope));
    } finally {
      sim.configure({ tokenScopes: null });
    }
  });

  it("explains a rejected token", async () => {
    const check = await checkFrontToken(sim.url, "wrong-token");
    expect(check).toMatchObject({ ok: false, code: "token_rejected" });
    expect(check.ok === false && check.message).toContain("401");
  });

  it("explains a plan or token without API access", async () => {
    sim.fail({ status: 403, path: "/me", count: 1 });
    const check = await checkFrontToken(sim.url, "the-right-token");
    expect(check).toMatchObject({ ok: false, code: "no_api_access" });
    expect(check.ok === false && check.message).toMatch(/plan may not include the API/);
  });

  it("explains a network failure", async () => {
    const check = await checkFrontToken("http://127.0.0.1:9", "any");
    expect(check).toMatchObject({ ok: false, code: "front_unreachable" });
  });
});
