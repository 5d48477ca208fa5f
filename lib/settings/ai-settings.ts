import { z } from "zod";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { readSettingsDocument, writeSettingsDocument } from "../db/queries/app-settings";
import { DEFAULT_PRICES, type ModelPrice } from "../agent/pricing";
import { CHANNELS, type Channel } from "../front/channels";
import { decryptSecret, encryptSecret, maskSecret } from "../secrets/encryption";
import { DELIVERY_MODES, MODEL_SPEC_PATTERN, type DeliveryMode } from "./agent-options";
import { LockedSettingError } from "./locked-setting";
import { TimedCache } from "./timed-cache";

export { DELIVERY_MODE_LABELS, DELIVERY_MODES, MODEL_SPEC_PATTERN, type DeliveryMode } from "./agent-options";

/** Everything that decides which model answers and how it behaves. */
export interface AgentSettings {
  /** local | openai:<model> | anthropic:<model> | openai-compatible:<model> */
  model: string;
  baseUrl?: string;
  apiKey?: string;
  /** The team's voice and policies, added to the system prompt. */
  instructions: string;
  /** Subjects that always go to a person, in plain language, one per entry. */
  handoffTopics: string[];
  /** Extra patterns redacted before text reaches a model, on top of cards, national ids and bank accounts. */
  redactionPatterns: { name: string; pattern: string }[];
  delivery: Record<Channel, DeliveryMode>;
  /**
   * The SMS-capable Front channel (`cha_…`, from GET /channels) a caller is texted back from, or a draft for them
   * is left on. Unset: a call's answer is an internal note for whoever calls back.
   */
  textBackChannel?: TextBackChannel;
  maxSteps: number;
  timeoutSeconds: number;
  /** US dollars per million tokens, by model spec. */
  prices: Record<string, ModelPrice>;
}

export type AgentLockableField = "model" | "baseUrl" | "apiKey";

export interface EffectiveAgentSettings {
  values: AgentSettings;
  locked: Record<AgentLockableField, boolean>;
}

export const DEFAULT_AGENT_SETTINGS: AgentSettings = {
  model: "local",
  instructions: "",
  handoffTopics: [],
  redactionPatterns: [],
  // A text reply posted onto a call is undocumented in Front: by default a call's answer is a note for the callback.
  delivery: Object.fromEntries(
    CHANNELS.map((channel) => [channel, channel === "voice" ? "comment" : "reply"]),
  ) as Record<Channel, DeliveryMode>,
  maxSteps: 6,
  timeoutSeconds: 120,
  prices: DEFAULT_PRICES,
};

const priceSchema = z.object({
  inputPerMillion: z.number().min(0, "a price cannot be negative").max(10_000),
  outputPerMillion: z.number().min(0, "a price cannot be negative").max(10_000),
});

const redactionPatternSchema = z
  .object({
    name: z.string().trim().min(1, "name the pattern (it shows in its placeholder)").max(60),
    pattern: z.string().min(1, "the pattern is empty").max(500),
  })
  .refine(
    (entry) => {
      try {
        new RegExp(entry.pattern, "gi");
        return true;
      } catch {
        return false;
      }
    },
    { message: "is not a valid regular expression", path: ["pattern"] },
  );

const textBackChannelSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^cha_[A-Za-z0-9]+$/, "must be a channel id (cha_…)"),
  /** The channel's phone number, shown as where the text came from. */
  address: z.string().trim().max(200).nullish(),
  name: z.string().trim().max(200).nullish(),
});
export type TextBackChannel = z.infer<typeof textBackChannelSchema>;

export const agentSettingsPatchSchema = z
  .object({
    model: z
      .string()
      .trim()
      .regex(MODEL_SPEC_PATTERN, "must be local, openai:<model>, anthropic:<model> or openai-compatible:<model>")
      .optional(),
    baseUrl: z.union([z.literal(""), z.url("must be a URL such as http://127.0.0.1:11434/v1")]).optional(),
    /** An empty string removes the saved key. */
    apiKey: z.string().trim().max(4096).optional(),
    instructions: z.string().max(20_000, "keep the instructions under 20,000 characters").optional(),
    handoffTopics: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    redactionPatterns: z.array(redactionPatternSchema).max(50).optional(),
    delivery: z.partialRecord(z.enum(CHANNELS), z.enum(DELIVERY_MODES)).optional(),
    /** null clears it. */
    textBackChannel: textBackChannelSchema.nullable().optional(),
    maxSteps: z.number().int().min(2, "at least 2 steps (search, then answer)").max(20).optional(),
    timeoutSeconds: z.number().int().min(5).max(600).optional(),
    prices: z.record(z.string().regex(MODEL_SPEC_PATTERN, "is not a model spec"), priceSchema).optional(),
  })
  .strict();
export type AgentSettingsPatch = z.infer<typeof agentSettingsPatchSchema>;

const storedSchema = z.object({
  model: z.string().optional(),
  baseUrl: z.string().optional(),
  apiKey: z.string().optional(),
  instructions: z.string().optional(),
  handoffTopics: z.array(z.string()).optional(),
  redactionPatterns: z.array(z.object({ name: z.string(), pattern: z.string() })).optional(),
  delivery: z.record(z.string(), z.enum(DELIVERY_MODES)).optional(),
  textBackChannel: textBackChannelSchema.optional(),
  maxSteps: z.number().optional(),
  timeoutSeconds: z.number().optional(),
  prices: z.record(z.string(), priceSchema).optional(),
});
type StoredAgentSettings = z.infer<typeof storedSchema>;

const DOCUMENT_KEY = "ai";

/**
 * Reads and writes Settings → AI. Like the Front settings: the database holds what an admin saved, the environment
 * (AI_MODEL, AI_BASE_URL, AI_API_KEY) wins, the key is encrypted at rest, and reads are cached for a few seconds.
 */
export class AgentSettingsStore {
  private readonly cache: TimedCache<EffectiveAgentSettings>;

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, "AI_MODEL" | "AI_BASE_URL" | "AI_API_KEY">,
    private readonly encryptionKey: Buffer,
    cacheMs = 3_000,
  ) {
    this.cache = new TimedCache(cacheMs);
  }

  get(): Promise<EffectiveAgentSettings> {
    return this.cache.get(() => this.load());
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  private async stored(): Promise<StoredAgentSettings> {
    return storedSchema.parse(await readSettingsDocument(this.db, DOCUMENT_KEY));
  }

  private async load(): Promise<EffectiveAgentSettings> {
    const stored = await this.stored();
    let savedKey: string | undefined;
    if (stored.apiKey) {
      try {
        savedKey = decryptSecret(this.encryptionKey, stored.apiKey);
      } catch {
        console.error(
          "[frontline] cannot decrypt the saved AI key: was the encryption key changed? Enter it again in Settings → AI.",
        );
      }
    }
    const locked = {
      model: this.config.AI_MODEL !== undefined,
      baseUrl: this.config.AI_BASE_URL !== undefined,
      apiKey: this.config.AI_API_KEY !== undefined,
    };
    const values: AgentSettings = {
      model: this.config.AI_MODEL ?? stored.model ?? DEFAULT_AGENT_SETTINGS.model,
      baseUrl: this.config.AI_BASE_URL ?? (stored.baseUrl || undefined),
      apiKey: this.config.AI_API_KEY ?? savedKey,
      instructions: stored.instructions ?? DEFAULT_AGENT_SETTINGS.instructions,
      handoffTopics: stored.handoffTopics ?? DEFAULT_AGENT_SETTINGS.handoffTopics,
      redactionPatterns: stored.redactionPatterns ?? DEFAULT_AGENT_SETTINGS.redactionPatterns,
      delivery: {
        ...DEFAULT_AGENT_SETTINGS.delivery,
        ...(stored.delivery as Partial<Record<Channel, DeliveryMode>> | undefined),
      },
      textBackChannel: stored.textBackChannel,
      maxSteps: stored.maxSteps ?? DEFAULT_AGENT_SETTINGS.maxSteps,
      timeoutSeconds: stored.timeoutSeconds ?? DEFAULT_AGENT_SETTINGS.timeoutSeconds,
      prices: stored.prices ?? DEFAULT_AGENT_SETTINGS.prices,
    };
    return { values, locked };
  }

  /**
   * Saves a validated patch; the key is encrypted. Throws LockedSettingError for a field the environment fixes. The
   * change goes into the audit log in the same transaction (the key as "set" / "replaced" / "removed").
   */
  async save(patch: AgentSettingsPatch, actor: AuditActor = SYSTEM_ACTOR): Promise<void> {
    const { locked } = await this.load();
    for (const field of Object.keys(locked) as AgentLockableField[]) {
      if (locked[field] && patch[field] !== undefined)
        throw new LockedSettingError(
          field,
          `AI_${field === "model" ? "MODEL" : field === "baseUrl" ? "BASE_URL" : "API_KEY"}`,
        );
    }
    const stored = await this.stored();
    const next: StoredAgentSettings = { ...stored };
    if (patch.apiKey !== undefined)
      next.apiKey = patch.apiKey === "" ? undefined : encryptSecret(this.encryptionKey, patch.apiKey);
    if (patch.baseUrl !== undefined) next.baseUrl = patch.baseUrl || undefined;
    if (patch.delivery) next.delivery = { ...next.delivery, ...patch.delivery };
    if (patch.textBackChannel !== undefined) next.textBackChannel = patch.textBackChannel ?? undefined;
    for (const field of [
      "model",
      "instructions",
      "handoffTopics",
      "redactionPatterns",
      "maxSteps",
      "timeoutSeconds",
      "prices",
    ] as const) {
      if (patch[field] !== undefined) (next as Record<string, unknown>)[field] = patch[field];
    }
    await this.db.transaction(async (tx) => {
      await writeSettingsDocument(tx as unknown as Db, DOCUMENT_KEY, next);
      await recordAudit(tx as unknown as Db, { actor, action: "settings.ai.update", before: stored, after: next });
    });
    this.invalidate();
  }
}

/** Settings → AI as the page reads it: the key only ever masked ("••••abcd"); what is unset is null. */
export type MaskedAgentSettings = Omit<AgentSettings, "baseUrl" | "apiKey" | "textBackChannel"> & {
  baseUrl: string | null;
  apiKey: string | null;
  textBackChannel: TextBackChannel | null;
};

/** GET /api/settings/ai. */
export interface AgentSettingsResponse {
  values: MaskedAgentSettings;
  locked: Record<AgentLockableField, boolean>;
  /** The prices a model has unless the team sets its own. */
  defaultPrices: Record<string, ModelPrice>;
}

/** PUT /api/settings/ai: the fields the patch named. */
export interface SaveAgentSettingsResponse {
  saved: string[];
}

export function agentSettingsResponse({ values, locked }: EffectiveAgentSettings): AgentSettingsResponse {
  return {
    values: {
      ...values,
      baseUrl: values.baseUrl ?? null,
      apiKey: maskSecret(values.apiKey),
      textBackChannel: values.textBackChannel ?? null,
    },
    locked,
    defaultPrices: DEFAULT_PRICES,
  };
}

export function savedAgentSettingsResponse(patch: AgentSettingsPatch): SaveAgentSettingsResponse {
  return { saved: Object.keys(patch) };
}
