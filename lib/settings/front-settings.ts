import { createHash } from "node:crypto";
import { z } from "zod";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { readSettingsDocument, writeSettingsDocument } from "../db/queries/app-settings";
import { CHANNELS, type Channel, type PhoneChannel } from "../front/channels";
import type { ScopeCheck } from "../front/token-scopes";
import { decryptSecret, encryptSecret } from "../secrets/encryption";
import { SECRET_FIELDS, type SecretField } from "./front-settings-fields";
import { LockedSettingError } from "./locked-setting";
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
  /**
   * The company the token in force belongs to, from GET /me when it was saved (or, for a token set in the
   * environment, when the first application webhook needed it). Unset while not known for this token.
   */
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
    id: z
      .string()
      .trim()
      .regex(/^cha_[A-Za-z0-9]+$/, "must be a channel id (cha_…)"),
    name: z.string().trim().max(200).nullish(),
    address: z.string().trim().max(200).nullish(),
    inboxId: z
      .string()
      .trim()
      .regex(/^inb_[A-Za-z0-9]+$/, "must be an inbox id (inb_…)")
      .nullish(),
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
  /** `token`: a fingerprint of the token GET /me was asked with (absent in documents saved before it was kept). */
  company: z.object({ id: z.string(), name: z.string().nullish(), token: z.string().optional() }).optional(),
  scopeCheck: z
    .object({
      checkedAt: z.string(),
      results: z.array(
        z.object({
          scope: z.string(),
          usedFor: z.string(),
          state: z.enum(["granted", "missing", "unknown"]),
          status: z.number(),
        }),
      ),
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

/** Which token a company was looked up with, without keeping the token: the first 128 bits of its SHA-256. */
function tokenFingerprint(token: string | undefined): string | undefined {
  return token ? createHash("sha256").update(token).digest("hex").slice(0, 32) : undefined;
}

/** The Front company of the token in force, or why it is not known (the shape the webhook receiver asks for). */
export type CompanyLookupResult = { id: string } | { id: null; reason: string };

/** After a failed GET /me, deliveries are refused for this long before Front is asked again. */
const COMPANY_RETRY_MS = 30_000;
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
  private companyLookup: Promise<CompanyLookupResult> | null = null;
  private companyFailure: { at: number; token: string; reason: string } | null = null;

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
        console.error(
          `[frontline] cannot decrypt the saved ${field}: was the encryption key changed? Enter it again in Settings → Front.`,
        );
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
      company: undefined,
      scopeCheck: stored.scopeCheck,
    };
    // The saved company counts only for the token it was looked up with. A document saved before the fingerprint
    // was kept had its company saved with its own token, which is in force unless the environment sets another.
    const company = stored.company;
    if (
      company &&
      values.apiToken &&
      (company.token ? company.token === tokenFingerprint(values.apiToken) : fromEnv.apiToken === undefined)
    ) {
      values.company = { id: company.id, name: company.name ?? null };
    }
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
   * The company of the token in force: saved with it, or asked of Front once (GET /me) and saved. Concurrent
   * callers share one request; after a failure, callers get it for COMPANY_RETRY_MS before Front is asked again.
   */
  async connectedCompany(options: CompanyLookupOptions): Promise<CompanyLookupResult> {
    const { values } = await this.get();
    if (values.company) return { id: values.company.id };
    const token = values.apiToken;
    if (!token) return { id: null, reason: "no Front API token is saved" };
    const now = options.now ?? Date.now();
    const failure = this.companyFailure;
    if (failure && failure.token === token && now - failure.at < COMPANY_RETRY_MS)
      return { id: null, reason: failure.reason };
    if (!this.companyLookup) {
      const lookup = this.lookUpCompany(token, options.lookUp, now);
      this.companyLookup = lookup;
      void lookup.finally(() => {
        if (this.companyLookup === lookup) this.companyLookup = null;
      });
    }
    return this.companyLookup;
  }

  private async lookUpCompany(
    token: string,
    lookUp: CompanyLookupOptions["lookUp"],
    now: number,
  ): Promise<CompanyLookupResult> {
    try {
      const company = await lookUp(token);
      await this.save({}, { company, companyToken: token });
      this.companyFailure = null;
      return { id: company.id };
    } catch (error) {
      const reason = `GET /me failed: ${error instanceof Error ? error.message : String(error)}`;
      this.companyFailure = { at: now, token, reason };
      return { id: null, reason };
    }
  }

  /**
   * Saves a validated patch; secrets are encrypted. Throws LockedSettingError for a field the environment fixes. The
   * change goes into the audit log in the same transaction (secrets as "set" / "replaced"; a new scope check alone is
   * not a change).
   */
  async save(
    patch: FrontSettingsPatch,
    extra: { company?: { id: string; name?: string | null }; companyToken?: string; scopeCheck?: ScopeCheck } = {},
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<void> {
    const current = await this.load();
    const { locked } = current;
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
    if (extra.company) {
      // The company of the token it was looked up with: the one saved now, else the one in force.
      const token = extra.companyToken ?? patch.apiToken ?? current.values.apiToken;
      next.company = { id: extra.company.id, name: extra.company.name ?? null, token: tokenFingerprint(token) };
    }
    if (extra.scopeCheck) next.scopeCheck = extra.scopeCheck;
    await this.db.transaction(async (tx) => {
      await writeSettingsDocument(tx as unknown as Db, DOCUMENT_KEY, next);
      await recordAudit(tx as unknown as Db, {
        actor,
        action: "settings.front.update",
        before: stored,
        after: next,
        ignore: ["scopeCheck"],
      });
    });
    this.invalidate();
  }
}

export interface CompanyLookupOptions {
  /** GET /me with this token: the company it belongs to. */
  lookUp: (token: string) => Promise<{ id: string; name?: string | null }>;
  now?: number;
}
