import { z } from "zod";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { readSettingsDocument, writeSettingsDocument } from "../db/queries/app-settings";
import { CHANNELS, type Channel, type PhoneChannel } from "../front/channels";
import type { ScopeCheck } from "../front/token-scopes";
import { decryptSecret, encryptSecret } from "../secrets/encryption";
import { SECRET_FIELDS, type SecretField } from "./front-settings-fields";
import { TimedCache } from "./timed-cache";

/** Everything that decides how Frontline talks to Front and which conversations the AI takes. */
export interface FrontSettings {
  apiToken?: string;
  appSecret?: string;
  ruleSecret?: string;
  aiTeammateId?: string;
  handleUnassigned: boolean;
  /** The master switch: off, the AI answers nothing (events are still recorded). */
  enabled: boolean;
  channels: Record<Channel, boolean>;
  /** Archive a conversation after the AI answered it, if the AI still owns it. */
  archiveOnReply: boolean;
  /**
   * The Front channels (picked from GET /channels) whose `custom` messages are calls. None picked: only `call` and
   * `phone-call` messages are calls, and `custom` ones are web chat.
   */
  phoneChannels: PhoneChannel[];
  /** The company the token belongs to, from GET /me when it was saved. */
  company?: { id: string; name?: string | null };
  /** Which of the scopes Frontline needs the token had when it was last checked. */
  scopeCheck?: ScopeCheck;
}

export { SECRET_FIELDS };

/** Settings an environment variable fixes: shown as locked in the page, and refused on save. */
export type LockableField = SecretField | "aiTeammateId" | "handleUnassigned";

export interface EffectiveFrontSettings {
  values: FrontSettings;
  locked: Record<LockableField, boolean>;
}

const phoneChannelSchema = z
  .object({
    id: z.string().trim().regex(/^cha_[A-Za-z0-9]+$/, "must be a channel id (cha_…)"),
    name: z.string().trim().max(200).nullish(),
    address: z.string().trim().max(200).nullish(),
    inboxId: z.string().trim().regex(/^inb_[A-Za-z0-9]+$/, "must be an inbox id (inb_…)").nullish(),
  })
  .strict();

const storedSchema = z.object({
  apiToken: z.string().optional(),
  appSecret: z.string().optional(),
  ruleSecret: z.string().optional(),
  aiTeammateId: z.string().optional(),
  handleUnassigned: z.boolean().optional(),
  enabled: z.boolean().optional(),
  channels: z.record(z.string(), z.boolean()).optional(),
  archiveOnReply: z.boolean().optional(),
  phoneChannels: z.array(phoneChannelSchema).optional(),
  company: z.object({ id: z.string(), name: z.string().nullish() }).optional(),
  scopeCheck: z
    .object({
      checkedAt: z.string(),
      results: z.array(z.object({ scope: z.string(), usedFor: z.string(), state: z.enum(["granted", "missing", "unknown"]), status: z.number() })),
      missing: z.array(z.string()),
    })
    .optional(),
});
type StoredFrontSettings = z.infer<typeof storedSchema>;

export const frontSettingsPatchSchema = z
  .object({
    apiToken: z.string().trim().min(1, "the API token is empty").max(4096).optional(),
    appSecret: z.string().trim().min(1, "the app secret is empty").max(1024).optional(),
    ruleSecret: z.string().trim().min(1, "the rule-webhook secret is empty").max(1024).optional(),
    aiTeammateId: z.string().trim().startsWith("tea_", "must be a teammate id (tea_…)").optional(),
    handleUnassigned: z.boolean().optional(),
    enabled: z.boolean().optional(),
    channels: z.partialRecord(z.enum(CHANNELS), z.boolean()).optional(),
    archiveOnReply: z.boolean().optional(),
    /** The whole list: what is not in it is no longer a phone channel. */
    phoneChannels: z
      .array(phoneChannelSchema)
      .max(50)
      .refine((list) => new Set(list.map((channel) => channel.id)).size === list.length, "a channel is listed twice")
      .optional(),
  })
  .strict();
export type FrontSettingsPatch = z.infer<typeof frontSettingsPatchSchema>;

const DOCUMENT_KEY = "front";
const ALL_CHANNELS_ON = Object.fromEntries(CHANNELS.map((channel) => [channel, true])) as Record<Channel, boolean>;

function environmentValues(config: Config): Partial<Pick<FrontSettings, LockableField>> {
  const values: Partial<Pick<FrontSettings, LockableField>> = {};
  if (config.FRONT_API_TOKEN) values.apiToken = config.FRONT_API_TOKEN;
  if (config.FRONT_APP_SECRET) values.appSecret = config.FRONT_APP_SECRET;
  if (config.FRONT_RULE_WEBHOOK_SECRET) values.ruleSecret = config.FRONT_RULE_WEBHOOK_SECRET;
  if (config.FRONT_AI_TEAMMATE_ID) values.aiTeammateId = config.FRONT_AI_TEAMMATE_ID;
  if (config.FRONT_HANDLE_UNASSIGNED !== undefined) values.handleUnassigned = config.FRONT_HANDLE_UNASSIGNED;
  return values;
}

/**
 * Reads and writes the Front settings. The database holds what an admin saved; an environment variable wins
 * over it. Reads are cached for a few seconds so webhooks stay fast; a save is seen at once in this process
 * and within the cache time in others.
 */
export class FrontSettingsStore {
  private readonly cache: TimedCache<EffectiveFrontSettings>;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly encryptionKey: Buffer,
    cacheMs = 3_000,
  ) {
    this.cache = new TimedCache(cacheMs);
  }

  get(): Promise<EffectiveFrontSettings> {
    return this.cache.get(() => this.load());
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  private async load(): Promise<EffectiveFrontSettings> {
    const stored = storedSchema.parse(await readSettingsDocument(this.db, DOCUMENT_KEY));
    const fromEnv = environmentValues(this.config);
    const reveal = (field: SecretField) => {
      const sealed = stored[field];
      if (!sealed) return undefined;
      try {
        return decryptSecret(this.encryptionKey, sealed);
      } catch {
        // A changed ENCRYPTION_KEY must not take the webhook down: the secret reads as unset until re-entered.
        console.error(`[frontline] cannot decrypt the saved ${field}: was the encryption key changed? Enter it again in Settings → Front.`);
        return undefined;
      }
    };
    const values: FrontSettings = {
      apiToken: fromEnv.apiToken ?? reveal("apiToken"),
      appSecret: fromEnv.appSecret ?? reveal("appSecret"),
      ruleSecret: fromEnv.ruleSecret ?? reveal("ruleSecret"),
      aiTeammateId: fromEnv.aiTeammateId ?? stored.aiTeammateId,
      handleUnassigned: fromEnv.handleUnassigned ?? stored.handleUnassigned ?? false,
      enabled: stored.enabled ?? true,
      channels: { ...ALL_CHANNELS_ON, ...(stored.channels as Partial<Record<Channel, boolean>> | undefined) },
      archiveOnReply: stored.archiveOnReply ?? false,
      phoneChannels: stored.phoneChannels ?? [],
      company: stored.company ? { id: stored.company.id, name: stored.company.name ?? null } : undefined,
      scopeCheck: stored.scopeCheck,
    };
    const locked = {
      apiToken: fromEnv.apiToken !== undefined,
      appSecret: fromEnv.appSecret !== undefined,
      ruleSecret: fromEnv.ruleSecret !== undefined,
      aiTeammateId: fromEnv.aiTeammateId !== undefined,
      handleUnassigned: fromEnv.handleUnassigned !== undefined,
    };
    return { values, locked };
  }

  /**
   * Saves a validated patch; secrets are encrypted. Throws LockedSettingError for a field the environment fixes. The
   * change goes into the audit log in the same transaction (secrets as "set" / "replaced"; a new scope check alone is
   * not a change).
   */
  async save(
    patch: FrontSettingsPatch,
    extra: { company?: { id: string; name?: string | null }; scopeCheck?: ScopeCheck } = {},
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<void> {
    const { locked } = await this.load();
    for (const field of Object.keys(patch) as (keyof FrontSettingsPatch)[]) {
      if (field in locked && locked[field as LockableField]) throw new LockedSettingError(field);
    }
    const stored = storedSchema.parse(await readSettingsDocument(this.db, DOCUMENT_KEY));
    const next: StoredFrontSettings = { ...stored };
    for (const field of SECRET_FIELDS) {
      const value = patch[field];
      if (value !== undefined) next[field] = encryptSecret(this.encryptionKey, value);
    }
    if (patch.aiTeammateId !== undefined) next.aiTeammateId = patch.aiTeammateId;
    if (patch.handleUnassigned !== undefined) next.handleUnassigned = patch.handleUnassigned;
    if (patch.enabled !== undefined) next.enabled = patch.enabled;
    if (patch.archiveOnReply !== undefined) next.archiveOnReply = patch.archiveOnReply;
    if (patch.phoneChannels !== undefined) next.phoneChannels = patch.phoneChannels;
    if (patch.channels) next.channels = { ...stored.channels, ...patch.channels };
    if (extra.company) next.company = { id: extra.company.id, name: extra.company.name ?? null };
    if (extra.scopeCheck) next.scopeCheck = extra.scopeCheck;
    await this.db.transaction(async (tx) => {
      await writeSettingsDocument(tx as unknown as Db, DOCUMENT_KEY, next);
      await recordAudit(tx as unknown as Db, { actor, action: "settings.front.update", before: stored, after: next, ignore: ["scopeCheck"] });
    });
    this.invalidate();
  }
}

export class LockedSettingError extends Error {
  constructor(public readonly field: string) {
    super(`${field} is set in the environment and cannot be changed here`);
    this.name = "LockedSettingError";
  }
}
