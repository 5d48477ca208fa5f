import { randomUUID } from "node:crypto";
import { z } from "zod";
import { httpActionFields, httpActionSchema, type HttpAction } from "../actions/http-action";
import { templateRefusal, type NetworkGuardOptions } from "../actions/network-guard";
import type { ActionHeaderView, ActionView } from "../actions/types";
import { recordAudit, SYSTEM_ACTOR, type AuditActor, type AuditEntry } from "../audit";
import type { Db } from "../db/client";
import { readSettingsDocument, writeSettingsDocument } from "../db/queries/app-settings";
import { CHANNELS, type Channel } from "../front/channels";
import { decryptSecret, encryptSecret, maskSecret } from "../secrets/encryption";
import { TimedCache } from "./timed-cache";

/** More than this many tools makes a model choose badly (and some providers refuse 128+). */
export const MAX_ACTIONS = 50;
const MAX_HEADERS = 30;

const headerInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]+$/, "is not a header name (letters, digits and -)"),
    value: z
      .string()
      .max(4096)
      .regex(/^[^\r\n\0]*$/, "must be on one line")
      .optional(),
    secret: z.boolean().default(false),
  })
  .strict();

const inputFields = {
  ...httpActionFields,
  headers: z.array(headerInputSchema).max(MAX_HEADERS, `at most ${MAX_HEADERS} headers`),
};

/** A new action from the admin API; a secret header must carry its value. */
export const actionCreateSchema = z
  .object({
    ...inputFields,
    headers: inputFields.headers.default([]),
    timeoutMs: inputFields.timeoutMs.default(5_000),
    channels: inputFields.channels.default([...CHANNELS]),
    enabled: inputFields.enabled.default(true),
  })
  .strict();
export type ActionCreateInput = z.input<typeof actionCreateSchema>;

/** A change to an action: only the fields given change; a secret header sent without a value keeps the saved one. */
export const actionPatchSchema = z.object(inputFields).partial().strict();
export type ActionPatchInput = z.input<typeof actionPatchSchema>;

type HeaderInput = z.output<typeof headerInputSchema>;

const storedHeaderSchema = z.object({ name: z.string(), secret: z.boolean(), value: z.string() });
type StoredHeader = z.infer<typeof storedHeaderSchema>;

const storedActionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  urlTemplate: z.string(),
  /** A secret header's value is sealed with the encryption key. */
  headers: z.array(storedHeaderSchema),
  timeoutMs: z.number(),
  channels: z.array(z.enum(CHANNELS)),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
type StoredAction = z.infer<typeof storedActionSchema>;

const storedDocumentSchema = z.object({ actions: z.array(storedActionSchema).default([]) });

const DOCUMENT_KEY = "actions";

/** An action ready to call, with its id. */
export type SavedHttpAction = HttpAction & { id: string };

export type ActionStoreErrorCode =
  | "not_found"
  | "duplicate_name"
  | "secret_missing"
  | "not_callable"
  | "invalid_action"
  | "too_many"
  | "address_not_allowed";

/** A refused change or an unknown id, with a message an admin can act on. */
export class ActionStoreError extends Error {
  constructor(
    public readonly code: ActionStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ActionStoreError";
  }
}

/**
 * Settings → Actions: the team's custom HTTP actions, kept as one settings document. Secret header values are
 * encrypted at rest and never leave this store except to make the call. The pipeline's reads are cached for a few
 * seconds, like the other settings; a change is seen at once in this process and within the cache time in others.
 */
export class ActionsStore {
  private readonly cache: TimedCache<SavedHttpAction[]>;
  /** Changes are read-modify-write of one document: one at a time in this process. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly encryptionKey: Buffer,
    cacheMs = 3_000,
    /** The network rule a saved URL is checked against (default: ACTIONS_ALLOWED_HOSTS and the system's DNS). */
    private readonly guard: NetworkGuardOptions = {},
  ) {
    this.cache = new TimedCache(cacheMs);
  }

  /** The actions the agent may be given, secrets decrypted. Leaves out (and logs) one whose secret cannot be read. */
  list(): Promise<SavedHttpAction[]> {
    return this.cache.get(() => this.loadForCalls());
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  /** The actions as the settings page shows them: secret values masked. */
  async listForAdmin(): Promise<ActionView[]> {
    return (await this.stored()).map((action) => this.toView(action));
  }

  /** One action ready to call (the settings page's "Test"), or ActionStoreError. */
  async getForCall(id: string): Promise<SavedHttpAction> {
    const action = (await this.stored()).find((candidate) => candidate.id === id);
    if (!action) throw notFound();
    const resolved = this.resolve(action);
    if ("problem" in resolved)
      throw new ActionStoreError("not_callable", `This action cannot run: ${resolved.problem}.`);
    return resolved.action;
  }

  async create(input: unknown, actor: AuditActor = SYSTEM_ACTOR): Promise<ActionView> {
    const parsed = actionCreateSchema.parse(input);
    await this.assertAddressAllowed(parsed.urlTemplate);
    return this.exclusive(async () => {
      const actions = await this.stored();
      if (actions.length >= MAX_ACTIONS)
        throw new ActionStoreError(
          "too_many",
          `There can be at most ${MAX_ACTIONS} actions: delete one you no longer need first.`,
        );
      assertUniqueName(actions, parsed.name, null);
      const now = new Date().toISOString();
      const action: StoredAction = {
        id: randomUUID(),
        ...parsed,
        headers: this.sealHeaders(parsed.headers, []),
        createdAt: now,
        updatedAt: now,
      };
      validateDefinition(action);
      await this.write([...actions, action], {
        actor,
        action: "actions.create",
        target: action.name,
        before: null,
        after: action,
      });
      return this.toView(action);
    });
  }

  async update(id: string, patch: unknown, actor: AuditActor = SYSTEM_ACTOR): Promise<ActionView> {
    const parsed = actionPatchSchema.parse(patch);
    if (parsed.urlTemplate !== undefined) await this.assertAddressAllowed(parsed.urlTemplate);
    return this.exclusive(async () => {
      const actions = await this.stored();
      const index = actions.findIndex((candidate) => candidate.id === id);
      if (index === -1) throw notFound();
      const current = actions[index];
      if (parsed.name !== undefined) assertUniqueName(actions, parsed.name, id);
      const next: StoredAction = {
        ...current,
        ...parsed,
        headers: parsed.headers ? this.sealHeaders(parsed.headers, current.headers) : current.headers,
        updatedAt: new Date().toISOString(),
      };
      validateDefinition(next);
      await this.write(
        actions.map((action, position) => (position === index ? next : action)),
        { actor, action: "actions.update", target: next.name, before: current, after: next },
      );
      return this.toView(next);
    });
  }

  async delete(id: string, actor: AuditActor = SYSTEM_ACTOR): Promise<void> {
    await this.exclusive(async () => {
      const actions = await this.stored();
      const deleted = actions.find((action) => action.id === id);
      if (!deleted) throw notFound();
      await this.write(
        actions.filter((action) => action.id !== id),
        { actor, action: "actions.delete", target: deleted.name, before: deleted, after: null },
      );
    });
  }

  /**
   * A URL whose host is (or resolves to) a loopback, private, link-local… address is refused at save, with the
   * reason on the URL field; each call checks again (a name may resolve elsewhere later).
   */
  private async assertAddressAllowed(urlTemplate: string): Promise<void> {
    const refusal = await templateRefusal(urlTemplate, this.guard);
    if (refusal) throw new ActionStoreError("address_not_allowed", `urlTemplate: ${refusal}`);
  }

  private async stored(): Promise<StoredAction[]> {
    return storedDocumentSchema.parse(await readSettingsDocument(this.db, DOCUMENT_KEY)).actions;
  }

  /** Writes the document and the change's audit row (secret header values as markers) in one transaction. */
  private async write(
    actions: StoredAction[],
    audit: Omit<AuditEntry, "before" | "after" | "ignore"> & {
      before: StoredAction | null;
      after: StoredAction | null;
    },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await writeSettingsDocument(tx as unknown as Db, DOCUMENT_KEY, { actions });
      await recordAudit(tx as unknown as Db, { ...audit, ignore: ["createdAt", "updatedAt"] });
    });
    this.invalidate();
  }

  private exclusive<T>(change: () => Promise<T>): Promise<T> {
    const result = this.writing.then(change, change);
    this.writing = result.catch(() => undefined);
    return result;
  }

  private async loadForCalls(): Promise<SavedHttpAction[]> {
    const ready: SavedHttpAction[] = [];
    for (const action of await this.stored()) {
      const resolved = this.resolve(action);
      if ("problem" in resolved) {
        // A changed ENCRYPTION_KEY must not send requests without their credentials: the action waits for a new value.
        console.error(`[frontline] action ${action.name} is left out: ${resolved.problem}.`);
        continue;
      }
      ready.push(resolved.action);
    }
    return ready;
  }

  /** The stored action with its secrets decrypted, checked against the current rules. */
  private resolve(action: StoredAction): { action: SavedHttpAction } | { problem: string } {
    const headers: Record<string, string> = {};
    const secretValues: string[] = [];
    for (const header of action.headers) {
      const value = header.secret ? this.reveal(header.value) : header.value;
      if (value === null)
        return {
          problem: `the saved value of the secret header '${header.name}' cannot be decrypted (was the encryption key changed?); enter it again in Settings → Actions`,
        };
      headers[header.name] = value;
      // "Bearer <token>": a server may echo the token alone.
      if (header.secret) secretValues.push(value, ...(/^(bearer|basic|token)\s+(\S+)$/i.exec(value)?.slice(2) ?? []));
    }
    // The schema keeps only the definition's fields (not the id or the dates).
    const checked = httpActionSchema.safeParse({ ...action, headers });
    if (!checked.success)
      return {
        problem: `its saved definition no longer passes the checks (${checked.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}); edit and save it`,
      };
    return { action: { ...checked.data, id: action.id, secretValues } };
  }

  private reveal(sealed: string): string | null {
    try {
      return decryptSecret(this.encryptionKey, sealed);
    } catch {
      return null;
    }
  }

  /** Secret values are sealed; a secret sent without a value keeps the saved one of the same header name. */
  private sealHeaders(headers: HeaderInput[], previous: StoredHeader[]): StoredHeader[] {
    const seen = new Set<string>();
    return headers.map((header) => {
      const key = header.name.toLowerCase();
      if (seen.has(key)) throw new ActionStoreError("invalid_action", `headers: '${header.name}' is listed twice.`);
      seen.add(key);
      const value = header.value?.trim() ?? "";
      if (!header.secret) {
        if (!value) throw new ActionStoreError("invalid_action", `headers: '${header.name}' has no value.`);
        return { name: header.name, secret: false, value };
      }
      if (value) return { name: header.name, secret: true, value: encryptSecret(this.encryptionKey, value) };
      const kept = previous.find((candidate) => candidate.secret && candidate.name.toLowerCase() === key);
      if (!kept)
        throw new ActionStoreError("secret_missing", `headers: enter a value for the secret header '${header.name}'.`);
      return { name: header.name, secret: true, value: kept.value };
    });
  }

  private toView(action: StoredAction): ActionView {
    const headers = action.headers.map((header): ActionHeaderView => {
      if (!header.secret) return { name: header.name, secret: false, value: header.value, masked: null };
      const revealed = this.reveal(header.value);
      return revealed === null
        ? { name: header.name, secret: true, value: null, masked: null, unreadable: true }
        : { name: header.name, secret: true, value: null, masked: maskSecret(revealed) };
    });
    return { ...action, channels: action.channels as Channel[], headers };
  }
}

function notFound(): ActionStoreError {
  return new ActionStoreError(
    "not_found",
    "There is no action with this id: it may have been deleted. Reload the page.",
  );
}

function assertUniqueName(actions: StoredAction[], name: string, exceptId: string | null): void {
  if (actions.some((action) => action.name === name && action.id !== exceptId)) {
    throw new ActionStoreError(
      "duplicate_name",
      `name: an action called '${name}' already exists. The model tells actions apart by name, so pick another.`,
    );
  }
}

/** The whole definition against the action rules (placeholders against parameters, and so on); throws a ZodError. */
function validateDefinition(action: StoredAction): void {
  // Header values are checked when sealed; the rules only need their names.
  const headers = Object.fromEntries(action.headers.map((header) => [header.name, ""]));
  httpActionSchema.parse({ ...action, headers });
}
