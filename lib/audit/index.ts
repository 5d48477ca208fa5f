// The audit log: every admin change as one append-only row (who, when, what, before → after). recordAudit is the
// only writer; it masks secrets and keeps only what changed. Read by GET /api/audit (admins only).
import { sql } from "drizzle-orm";
import type { AuthUser } from "../auth/types";
import type { Db } from "../db/client";
import { auditLog, users, type AuditLogRow } from "../db/schema";
import { SECRET_FIELDS } from "../settings/front-settings-fields";
import type { AuditAction, AuditActor } from "./actions";

export { AUDIT_ACTIONS, type AuditAction, type AuditActor } from "./actions";

/** A change made by the app itself, with no person behind it (a store called without an actor). */
export const SYSTEM_ACTOR: AuditActor = { id: null, email: null, name: "System" };
/** `npm run user:create`. */
export const COMMAND_LINE_ACTOR: AuditActor = { id: null, email: null, name: "Command line" };
/** ADMIN_EMAIL / ADMIN_PASSWORD, applied at start. */
export const ENVIRONMENT_ACTOR: AuditActor = { id: null, email: null, name: "Environment (ADMIN_EMAIL)" };

export function actorOf(user: Pick<AuthUser, "id" | "email" | "name">): AuditActor {
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * Keys whose values are secrets wherever they appear: Settings → Front's token and webhook secrets, the AI key, a
 * password. A custom action's header `value` is one too when the header says `secret: true`.
 */
export const AUDIT_SECRET_KEYS: ReadonlySet<string> = new Set<string>([...SECRET_FIELDS, "apiKey", "password"]);

/** What stands in for a secret: never its value, nor any part of it. */
export const SECRET_MARKERS = { set: "set", replaced: "replaced", unchanged: "unchanged", removed: "removed" } as const;

/** Longer strings (an article's body) are cut in the log: it says what changed, it is not a copy of the content. */
export const AUDIT_MAX_STRING = 2_000;

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  target?: string | null;
  /** The thing before the change (null or absent: it is new). Secrets may be in any form; they are masked here. */
  before?: Record<string, unknown> | null;
  /** The thing after the change (null or absent: it is gone, or the change has no state, e.g. a re-run). */
  after?: Record<string, unknown> | null;
  /** Top-level keys left out of the comparison (timestamps, derived check results). */
  ignore?: readonly string[];
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

/** A secret's before and after as markers: "set" → "replaced", "unchanged", "removed", or absent. */
function secretMarkers(
  before: unknown,
  after: unknown,
  beforeSecret: boolean,
  afterSecret: boolean,
): [unknown, unknown] {
  const maskedBefore = beforeSecret && present(before) ? SECRET_MARKERS.set : before;
  if (!afterSecret) return [maskedBefore, after];
  if (!present(after)) return [maskedBefore, present(before) && beforeSecret ? SECRET_MARKERS.removed : after];
  if (!present(before) || !beforeSecret) return [maskedBefore, SECRET_MARKERS.set];
  // A saved secret compares by what is stored (the sealed value): the same sealed value is the same secret.
  if (before === after) return [SECRET_MARKERS.unchanged, SECRET_MARKERS.unchanged];
  return [maskedBefore, SECRET_MARKERS.replaced];
}

/** The element of `others` that `item` is compared with: the one of the same name (headers), else the same position. */
function counterpart(item: unknown, index: number, others: unknown[] | null): unknown {
  if (!others) return undefined;
  if (isPlainObject(item) && typeof item.name === "string") {
    const name = item.name.toLowerCase();
    return others.find(
      (other) => isPlainObject(other) && typeof other.name === "string" && other.name.toLowerCase() === name,
    );
  }
  return others[index];
}

/** Both sides with every secret replaced by its marker, compared with the other side. */
export function maskSecrets(before: unknown, after: unknown): [unknown, unknown] {
  if (Array.isArray(before) || Array.isArray(after)) {
    const b = Array.isArray(before) ? before : null;
    const a = Array.isArray(after) ? after : null;
    return [
      b ? b.map((item, index) => maskSecrets(item, counterpart(item, index, a))[0]) : before,
      a ? a.map((item, index) => maskSecrets(counterpart(item, index, b), item)[1]) : after,
    ];
  }
  if (isPlainObject(before) || isPlainObject(after)) {
    const b = isPlainObject(before) ? before : undefined;
    const a = isPlainObject(after) ? after : undefined;
    const maskedBefore: Json = {};
    const maskedAfter: Json = {};
    for (const key of new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])) {
      const bv = b?.[key];
      const av = a?.[key];
      let pair: [unknown, unknown];
      if (AUDIT_SECRET_KEYS.has(key)) pair = secretMarkers(bv, av, true, true);
      else if (key === "value" && (b?.secret === true || a?.secret === true))
        pair = secretMarkers(bv, av, b?.secret === true, a?.secret === true);
      else pair = maskSecrets(bv, av);
      if (b && key in b) maskedBefore[key] = pair[0];
      if (a && key in a) maskedAfter[key] = pair[1];
      // A secret that went away still says so after the change.
      else if (a && pair[1] === SECRET_MARKERS.removed) maskedAfter[key] = pair[1];
    }
    return [b ? maskedBefore : before, a ? maskedAfter : after];
  }
  return [before, after];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only what differs: nested objects keep only their changed keys; arrays and values are compared whole. */
export function diffObjects(before: Json, after: Json): { before: Json; after: Json } {
  const changedBefore: Json = {};
  const changedAfter: Json = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key];
    const a = after[key];
    if (sameJson(b, a)) continue;
    if (isPlainObject(b) && isPlainObject(a)) {
      const nested = diffObjects(b, a);
      changedBefore[key] = nested.before;
      changedAfter[key] = nested.after;
      continue;
    }
    if (b !== undefined) changedBefore[key] = b;
    if (a !== undefined) changedAfter[key] = a;
  }
  return { before: changedBefore, after: changedAfter };
}

/** Long strings cut, dates as ISO text, undefined dropped: what the jsonb column holds. */
function forStorage(value: unknown): unknown {
  if (typeof value === "string")
    return value.length > AUDIT_MAX_STRING
      ? `${value.slice(0, AUDIT_MAX_STRING)}… (${value.length} characters)`
      : value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(forStorage);
  if (isPlainObject(value))
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) => (item === undefined ? [] : [[key, forStorage(item)]])),
    );
  return value;
}

function without(value: Json | null | undefined, keys: readonly string[]): Json | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/**
 * Before and after as the log keeps them: secrets masked, then only the changed keys (both sides given), and null
 * when a change between two states changed nothing.
 */
export function auditChange(
  entry: Pick<AuditEntry, "before" | "after" | "ignore">,
): { before: Json | null; after: Json | null } | null {
  const ignore = entry.ignore ?? [];
  const [maskedBefore, maskedAfter] = maskSecrets(without(entry.before, ignore), without(entry.after, ignore)) as [
    Json | null,
    Json | null,
  ];
  if (maskedBefore && maskedAfter) {
    const changed = diffObjects(maskedBefore, maskedAfter);
    if (Object.keys(changed.before).length === 0 && Object.keys(changed.after).length === 0) return null;
    return { before: forStorage(changed.before) as Json, after: forStorage(changed.after) as Json };
  }
  return { before: forStorage(maskedBefore) as Json | null, after: forStorage(maskedAfter) as Json | null };
}

/**
 * Appends one row to the audit log (call it with the transaction that makes the change, where there is one). A
 * change from one state to another that changed nothing (a form saved as it was) writes nothing and returns null.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<AuditLogRow | null> {
  const change = auditChange(entry);
  if (!change) return null;
  const [row] = await db
    .insert(auditLog)
    .values({
      // The account as it is now: one deleted since the request was signed in leaves the id null (the email and name say who).
      actorId:
        entry.actor.id === null ? null : sql`(select ${users.id} from ${users} where ${users.id} = ${entry.actor.id})`,
      actorEmail: entry.actor.email,
      actorName: entry.actor.name,
      action: entry.action,
      target: entry.target ?? null,
      before: change.before,
      after: change.after,
    })
    .returning();
  return row;
}
