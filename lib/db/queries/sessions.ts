import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { agentRuns, agentSteps, handoffs, sessionMessages, sessions, type Session } from "../schema";
import { aiResultCondition } from "./ai-results";
import { ACTED_OUTCOMES, ATTENTION_FLAGS, type AiOutcome, type Channel, type SessionStatus } from "../../domain";
import {
  dayBounds,
  DEFAULT_RESULT_WINDOW_HOURS,
  NO_FILTERS,
  parseSessionSearch,
  type SessionFilters,
  type SessionSearch,
  type SessionViewId,
} from "../../inbox/session-filters";

export type { AiOutcome, SessionStatus };

export interface SessionIdentity {
  frontConversationId: string;
  channel: Channel;
  subject?: string | null;
  contactHandle?: string | null;
  contactName?: string | null;
  contactKey?: string | null;
  /** Status for a session that does not exist yet. */
  initialStatus: SessionStatus;
  statusReason?: string | null;
}

/** The session of a Front conversation, created on its first event. */
export async function findOrCreateSession(
  db: Db,
  identity: SessionIdentity,
): Promise<{ session: Session; created: boolean }> {
  const [created] = await db
    .insert(sessions)
    .values({
      frontConversationId: identity.frontConversationId,
      channel: identity.channel,
      subject: identity.subject ?? null,
      contactHandle: identity.contactHandle ?? null,
      contactName: identity.contactName ?? null,
      contactKey: identity.contactKey ?? null,
      status: identity.initialStatus,
      statusReason: identity.statusReason ?? null,
    })
    .onConflictDoNothing({ target: sessions.frontConversationId })
    .returning();
  if (created) return { session: created, created: true };
  const [existing] = await db
    .select()
    .from(sessions)
    .where(eq(sessions.frontConversationId, identity.frontConversationId));
  return { session: existing, created: false };
}

export async function getSessionByConversation(db: Db, frontConversationId: string): Promise<Session | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.frontConversationId, frontConversationId));
  return row;
}

type SessionPatch = Partial<
  Pick<
    Session,
    | "status"
    | "statusReason"
    | "flag"
    | "sentiment"
    | "summary"
    | "handoffReason"
    | "preview"
    | "resolvedAt"
    | "contactHandle"
    | "subject"
  >
> & {
  /** Set where the AI acts (see sessions.aiOutcome); when, if not now (the sample history is backdated). */
  aiOutcome?: AiOutcome;
  aiOutcomeAt?: Date;
};

export async function updateSession(db: Db, id: string, patch: SessionPatch): Promise<void> {
  const { aiOutcome, aiOutcomeAt, ...columns } = patch;
  await db
    .update(sessions)
    .set({
      ...columns,
      ...(aiOutcome ? aiOutcomeColumns(aiOutcome, aiOutcomeAt ?? new Date()) : {}),
      updatedAt: sql`now()`,
      lastActivityAt: sql`now()`,
    })
    .where(eq(sessions.id, id));
}

/**
 * The AI acted: its outcome replaces the previous one, and the human follow-up of that one no longer applies. A skip
 * is an outcome only of a session the AI never acted on: a later message the AI leaves alone does not undo an answer.
 */
function aiOutcomeColumns(outcome: AiOutcome, at: Date) {
  const when = sql`${at.toISOString()}::timestamptz`;
  if (outcome === "skipped")
    return {
      aiOutcome: sql`coalesce(${sessions.aiOutcome}, 'skipped')`,
      aiOutcomeAt: sql`coalesce(${sessions.aiOutcomeAt}, ${when})`,
    };
  return { aiOutcome: outcome, aiOutcomeAt: at, humanRepliedAt: null, reopenedAt: null };
}

/**
 * A person followed up (a teammate's reply, or a reopen of the conversation): new activity on the session, and, after
 * the AI acted, its follow-up. Only the first of each after the AI's latest act is kept; before the AI acted (or on a
 * session it skipped) none is recorded.
 */
export async function recordHumanFollowUp(db: Db, id: string, kind: "reply" | "reopen", at: Date): Promise<void> {
  const column = kind === "reply" ? sessions.humanRepliedAt : sessions.reopenedAt;
  const when = sql`${at.toISOString()}::timestamptz`;
  const afterTheAi = and(inArray(sessions.aiOutcome, [...ACTED_OUTCOMES]), sql`${sessions.aiOutcomeAt} <= ${when}`);
  await db
    .update(sessions)
    .set({
      [kind === "reply" ? "humanRepliedAt" : "reopenedAt"]:
        sql`case when ${afterTheAi} then coalesce(${column}, ${when}) else ${column} end`,
      updatedAt: sql`now()`,
      lastActivityAt: sql`now()`,
    })
    .where(eq(sessions.id, id));
}

/**
 * A merged conversation's session, onto the conversation that survived the merge. Without a session there, the
 * session itself moves; with one, its messages move there (so the AI reads the whole history) and it ends, saying
 * where it went. Runs and handoffs stay with the session they belong to, so the figures reported stay exact.
 */
export async function moveSessionToConversation(
  db: Db,
  from: Session,
  survivingConversationId: string,
): Promise<{ sessionId: string; moved: "session" | "messages" }> {
  return db.transaction(async (tx) => {
    const [survivor] = await tx
      .select()
      .from(sessions)
      .where(eq(sessions.frontConversationId, survivingConversationId))
      .for("update");
    if (!survivor) {
      await tx
        .update(sessions)
        .set({ frontConversationId: survivingConversationId, updatedAt: sql`now()` })
        .where(eq(sessions.id, from.id));
      return { sessionId: from.id, moved: "session" as const };
    }
    await tx.update(sessionMessages).set({ sessionId: survivor.id }).where(eq(sessionMessages.sessionId, from.id));
    await tx
      .update(sessions)
      .set({ lastActivityAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(sessions.id, survivor.id));
    await tx
      .update(sessions)
      .set({
        status: "resolved",
        resolvedAt: sql`coalesce(${sessions.resolvedAt}, now())`,
        statusReason: `merged in Front into session #${survivor.ticketNumber}`,
        updatedAt: sql`now()`,
      })
      .where(eq(sessions.id, from.id));
    return { sessionId: survivor.id, moved: "messages" as const };
  });
}

export interface NewSessionMessage {
  sessionId: string;
  frontMessageId: string | null;
  direction: "inbound" | "outbound";
  authorType: "customer" | "teammate" | "ai";
  authorName?: string | null;
  messageType: string;
  subject?: string | null;
  text: string;
  modelText?: string | null;
  metadata?: Record<string, unknown>;
  sentAt?: Date;
}

/** Records a message once; returns false when Front's message id was already recorded. */
export async function addSessionMessage(db: Db, message: NewSessionMessage): Promise<boolean> {
  const inserted = await db
    .insert(sessionMessages)
    .values({ ...message, metadata: message.metadata ?? {} })
    .onConflictDoNothing({ target: sessionMessages.frontMessageId })
    .returning({ id: sessionMessages.id });
  return inserted.length > 0;
}

/** Replaces what a recorded message says, e.g. a call recorded as a placeholder whose transcript has arrived. */
export async function updateSessionMessageContent(
  db: Db,
  frontMessageId: string,
  content: Pick<NewSessionMessage, "subject" | "text" | "modelText" | "metadata">,
): Promise<void> {
  await db
    .update(sessionMessages)
    .set({
      subject: content.subject ?? null,
      text: content.text,
      modelText: content.modelText ?? null,
      metadata: content.metadata ?? {},
    })
    .where(eq(sessionMessages.frontMessageId, frontMessageId));
}

/** A message's columns but its search vector, which only the search reads. */
const messageColumns = Object.fromEntries(
  Object.entries(getTableColumns(sessionMessages)).filter(([name]) => name !== "search"),
) as Omit<ReturnType<typeof getTableColumns<typeof sessionMessages>>, "search">;

export async function listSessionMessages(db: Db, sessionId: string) {
  return db
    .select(messageColumns)
    .from(sessionMessages)
    .where(eq(sessionMessages.sessionId, sessionId))
    .orderBy(asc(sessionMessages.sentAt), asc(sessionMessages.recordedAt));
}

export interface SessionListCursor {
  /** The last row's last_activity_at to the microsecond (ISO, UTC), so rows a millisecond apart are never skipped. */
  lastActivityAt: string;
  id: string;
}

export interface SessionListOptions {
  limit: number;
  cursor?: SessionListCursor;
  filters?: SessionFilters;
  /** Above this many contact or message matches a search walks the list instead (default SEARCH_CANDIDATE_LIMIT). */
  searchCandidateLimit?: number;
  /**
   * The sessions of the filters' knowledge-gap group (`filters.gap`), which the caller finds: grouping the gap
   * questions is the report's work, above the database layer (lib/inbox/list.ts). Required with a `gap` filter.
   */
  gapSessionIds?: readonly string[];
}

/** LIKE/ILIKE pattern for "contains", with the pattern characters of the input taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** A search's "contains" match on the contact: name or handle for words, anywhere in the number for digits. */
function contactTextCondition(search: SessionSearch): SQL | undefined {
  const parts: SQL[] = [];
  if (search.contactText) {
    const pattern = containsPattern(search.contactText);
    parts.push(sql`${sessions.contactName} ilike ${pattern}`, sql`${sessions.contactHandle} ilike ${pattern}`);
  }
  if (search.phoneDigits) parts.push(sql`${sessions.contactKey} like ${containsPattern(search.phoneDigits)}`);
  return parts.length ? or(...parts) : undefined;
}

/** Messages containing every word, on their stored tsvector (session_messages_search_idx). */
function messageTextCondition(text: string): SQL {
  return sql`${sessionMessages.search} @@ plainto_tsquery('simple', ${text})`;
}

/**
 * The ids a search's fuzzy parts match, at most `limit + 1` of each: contacts (the trigram index when there is one,
 * else a scan) and messages (session_messages_search_idx).
 */
export function searchProbes(db: Db, search: SessionSearch, limit: number) {
  const contact = contactTextCondition(search);
  return {
    contact: contact
      ? db
          .select({ id: sessions.id })
          .from(sessions)
          .where(contact)
          .limit(limit + 1)
      : null,
    messages: search.messageText
      ? db
          .select({ id: sessionMessages.sessionId })
          .from(sessionMessages)
          .where(messageTextCondition(search.messageText))
          .limit(limit + 1)
      : null,
  };
}

/** Above this many contact or message matches a search is checked row by row in Inbox order instead. */
export const SEARCH_CANDIDATE_LIMIT = 1000;

/**
 * A search as one condition on sessions. The exact matches (ticket, conversation id, contact key) are
 * index lookups. The fuzzy ones (contact contains, message words) are first probed with a LIMIT:
 * - a probe with few matches (a name, a number, a rare word) found all of them: its session ids stand for it,
 *   fetched by primary key, filtered and sorted — no walk over the table however old the matches are;
 * - a probe with many matches (a common word) is checked on each session in Inbox order (the message words
 *   through session_messages_session_idx), which finds a page of matches after a few rows. Only such a part is
 *   checked row by row: a complete probe's ids are a cheap test, a message lookup per row is not.
 * Both forms select the same sessions, so which one a page used never shows.
 */
async function searchCondition(db: Db, search: SessionSearch, candidateLimit: number): Promise<SQL> {
  const parts: SQL[] = [];
  if (search.ticketNumber !== null) parts.push(eq(sessions.ticketNumber, search.ticketNumber));
  if (search.conversationId) parts.push(eq(sessions.frontConversationId, search.conversationId));
  if (search.contactKey) parts.push(eq(sessions.contactKey, search.contactKey));
  const contact = contactTextCondition(search);
  const [contactIds, messageIds] = await Promise.all([
    contact ? withoutSeqScan(db, (tx) => searchProbes(tx, search, candidateLimit).contact!) : Promise.resolve([]),
    searchProbes(db, search, candidateLimit).messages ?? Promise.resolve([]),
  ]);
  const candidates = new Set<string>();
  if (contact) {
    if (contactIds.length <= candidateLimit) for (const row of contactIds) candidates.add(row.id);
    else parts.push(contact);
  }
  if (search.messageText) {
    if (messageIds.length <= candidateLimit) for (const row of messageIds) candidates.add(row.id);
    else
      parts.push(
        sql`exists (select 1 from ${sessionMessages} where ${sessionMessages.sessionId} = ${sessions.id} and ${messageTextCondition(search.messageText)} offset 0)`,
      );
  }
  if (candidates.size) parts.push(inArray(sessions.id, [...candidates]));
  return parts.length ? or(...parts)! : sql`false`;
}

/**
 * Runs a contact probe on its trigram indexes. For a common name the planner prefers a scan that stops at the
 * LIMIT, but ILIKE on two columns costs about a microsecond a row: "Young" read 43,000 sessions (50 ms) to find
 * 1001, where the trigram bitmap takes about 10 ms.
 */
function withoutSeqScan<T>(db: Db, probe: (tx: Db) => PromiseLike<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return probe(tx as unknown as Db);
  });
}

/**
 * For a range that ended before today: no session started in it has activity after the latest activity of those
 * sessions, so the list's walk in activity order can start there instead of at today — a week a year ago costs a
 * week, not a year. The `+ interval '0'` keeps Postgres from answering max() by walking that same index from today.
 */
function latestActivityBound(start: Date | null, end: Date): SQL | undefined {
  const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00.000Z");
  if (end > today) return undefined;
  const from = start ? sql` and s2.created_at >= ${start.toISOString()}::timestamptz` : sql``;
  return sql`${sessions.lastActivityAt} <= (select max(s2.last_activity_at + interval '0 seconds') from ${sessions} as s2 where s2.created_at < ${end.toISOString()}::timestamptz${from})`;
}

/** What a saved view adds to the filters. */
function viewCondition(view: SessionViewId): SQL | undefined {
  switch (view) {
    case "handed_off":
      return eq(sessions.status, "handed_off");
    case "negative":
      return inArray(sessions.sentiment, ["angry", "frustrated"]);
    case "voice":
      return eq(sessions.channel, "voice");
    case "needs_attention":
      return or(eq(sessions.status, "failed"), inArray(sessions.flag, [...ATTENTION_FLAGS]));
    case "all":
      return undefined;
  }
}

function oneOf(column: AnyPgColumn, values: readonly string[]): SQL | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? eq(column, values[0]) : inArray(column, [...values]);
}

/** The sessions of a knowledge-gap group: exactly those ids (none: nothing). */
function gapCondition(ids: readonly string[] | undefined): SQL {
  if (ids === undefined) throw new Error("a gap filter needs the group's session ids (lib/inbox/list.ts finds them)");
  return ids.length ? inArray(sessions.id, [...ids]) : sql`false`;
}

/** Every condition of the filters and the page, ANDed (lib/inbox/session-filters.ts has the URL contract). */
export async function sessionListConditions(db: Db, options: Omit<SessionListOptions, "limit">): Promise<SQL[]> {
  const { cursor, filters = NO_FILTERS, searchCandidateLimit = SEARCH_CANDIDATE_LIMIT, gapSessionIds } = options;
  const { start, end } = dayBounds(filters.from, filters.to);
  const search = filters.q ? parseSessionSearch(filters.q) : null;
  return [
    viewCondition(filters.view),
    oneOf(sessions.channel, filters.channel),
    oneOf(sessions.status, filters.status),
    oneOf(sessions.sentiment, filters.sentiment),
    oneOf(sessions.handoffReason, filters.reason),
    oneOf(sessions.aiOutcome, filters.outcome),
    filters.result ? aiResultCondition(filters.result, filters.window ?? DEFAULT_RESULT_WINDOW_HOURS) : undefined,
    start ? gte(sessions.createdAt, start) : undefined,
    // Implied by the line above (a session's last activity is never before it started), and written out so the
    // (…, last_activity_at, id) indexes stop their scan at the range's first day.
    start ? gte(sessions.lastActivityAt, start) : undefined,
    end ? lt(sessions.createdAt, end) : undefined,
    end ? latestActivityBound(start, end) : undefined,
    search ? await searchCondition(db, search, searchCandidateLimit) : undefined,
    filters.gap ? gapCondition(gapSessionIds) : undefined,
    // The keyset as a row comparison, which the (…, last_activity_at, id) indexes take as where to start.
    cursor
      ? sql`(${sessions.lastActivityAt}, ${sessions.id}) < (${cursor.lastActivityAt}::timestamptz, ${cursor.id}::uuid)`
      : undefined,
  ].filter((condition): condition is SQL => condition !== undefined);
}

/**
 * One page of the Inbox (plus one row, to know whether another page follows): newest activity first, ordered on
 * (last_activity_at desc, id desc) so the keyset is total even when sessions share a last activity.
 */
export function sessionListQuery(db: Db, conditions: SQL[], limit: number) {
  return db
    .select({
      id: sessions.id,
      ticketNumber: sessions.ticketNumber,
      frontConversationId: sessions.frontConversationId,
      channel: sessions.channel,
      status: sessions.status,
      statusReason: sessions.statusReason,
      flag: sessions.flag,
      sentiment: sessions.sentiment,
      handoffReason: sessions.handoffReason,
      summary: sessions.summary,
      preview: sessions.preview,
      subject: sessions.subject,
      contactHandle: sessions.contactHandle,
      contactName: sessions.contactName,
      isSample: sessions.isSample,
      createdAt: sessions.createdAt,
      lastActivityAt: sessions.lastActivityAt,
      cursorAt: sql<string>`to_char(${sessions.lastActivityAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(sessions)
    .where(and(...conditions))
    .orderBy(desc(sessions.lastActivityAt), desc(sessions.id))
    .limit(limit + 1);
}

/** Newest activity first, filtered, keyset-paginated; `nextCursor` is null on the last page. */
export async function listSessions(db: Db, options: SessionListOptions) {
  const rows = await sessionListQuery(db, await sessionListConditions(db, options), options.limit);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const nextCursor: SessionListCursor | null =
    rows.length > options.limit && last ? { lastActivityAt: last.cursorAt, id: last.id } : null;
  const sessionsOnPage = page.map((row) => {
    const session: Omit<typeof row, "cursorAt"> & { cursorAt?: string } = { ...row };
    delete session.cursorAt;
    return session as Omit<typeof row, "cursorAt">;
  });
  return { sessions: sessionsOnPage, nextCursor };
}

/** Everything the session page shows, in display order. */
export async function getSessionDetail(db: Db, id: string) {
  const [session] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!session) return undefined;
  const [messages, runs, steps, sessionHandoffs] = await Promise.all([
    listSessionMessages(db, id),
    db.select().from(agentRuns).where(eq(agentRuns.sessionId, id)).orderBy(asc(agentRuns.startedAt)),
    db
      .select({ step: agentSteps })
      .from(agentSteps)
      .innerJoin(agentRuns, eq(agentRuns.id, agentSteps.runId))
      .where(eq(agentRuns.sessionId, id))
      .orderBy(asc(agentSteps.position)),
    db.select().from(handoffs).where(eq(handoffs.sessionId, id)).orderBy(asc(handoffs.createdAt)),
  ]);
  const contactSessions = session.contactKey
    ? await db
        .select({
          id: sessions.id,
          ticketNumber: sessions.ticketNumber,
          channel: sessions.channel,
          status: sessions.status,
          createdAt: sessions.createdAt,
          summary: sessions.summary,
          preview: sessions.preview,
        })
        .from(sessions)
        .where(and(eq(sessions.contactKey, session.contactKey), ne(sessions.id, session.id)))
        .orderBy(desc(sessions.createdAt))
        .limit(20)
    : [];
  return {
    session,
    contactSessions,
    messages,
    runs: runs.map((run) => ({
      ...run,
      steps: steps.map((row) => row.step).filter((step) => step.runId === run.id),
      handoff: sessionHandoffs.find((handoff) => handoff.runId === run.id) ?? null,
    })),
    handoffs: sessionHandoffs,
  };
}

export type SessionDetail = NonNullable<Awaited<ReturnType<typeof getSessionDetail>>>;
