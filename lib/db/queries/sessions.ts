import { and, asc, desc, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agentRuns, agentSteps, handoffs, sessionMessages, sessions, type Session } from "../schema";

export type SessionStatus = "ai_answering" | "answered" | "handed_off" | "resolved" | "skipped" | "failed";

export interface SessionIdentity {
  frontConversationId: string;
  channel: string;
  subject?: string | null;
  contactHandle?: string | null;
  contactName?: string | null;
  contactKey?: string | null;
  /** Status for a session that does not exist yet. */
  initialStatus: SessionStatus;
  statusReason?: string | null;
}

/** The session of a Front conversation, created on its first event. */
export async function findOrCreateSession(db: Db, identity: SessionIdentity): Promise<{ session: Session; created: boolean }> {
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
  const [existing] = await db.select().from(sessions).where(eq(sessions.frontConversationId, identity.frontConversationId));
  return { session: existing, created: false };
}

export async function getSessionByConversation(db: Db, frontConversationId: string): Promise<Session | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.frontConversationId, frontConversationId));
  return row;
}

export async function updateSession(
  db: Db,
  id: string,
  patch: Partial<Pick<Session, "status" | "statusReason" | "flag" | "sentiment" | "summary" | "handoffReason" | "preview" | "resolvedAt" | "contactHandle" | "subject">>,
): Promise<void> {
  await db
    .update(sessions)
    .set({ ...patch, updatedAt: sql`now()`, lastActivityAt: sql`now()` })
    .where(eq(sessions.id, id));
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
    .set({ subject: content.subject ?? null, text: content.text, modelText: content.modelText ?? null, metadata: content.metadata ?? {} })
    .where(eq(sessionMessages.frontMessageId, frontMessageId));
}

export async function listSessionMessages(db: Db, sessionId: string) {
  return db.select().from(sessionMessages).where(eq(sessionMessages.sessionId, sessionId)).orderBy(asc(sessionMessages.sentAt), asc(sessionMessages.recordedAt));
}

export interface SessionListCursor {
  lastActivityAt: string;
  id: string;
}

/** Newest activity first, keyset-paginated so later pages cost the same as the first. */
export async function listSessions(db: Db, options: { limit: number; cursor?: SessionListCursor }) {
  const { cursor } = options;
  const rows = await db
    .select({
      id: sessions.id,
      ticketNumber: sessions.ticketNumber,
      frontConversationId: sessions.frontConversationId,
      channel: sessions.channel,
      status: sessions.status,
      statusReason: sessions.statusReason,
      flag: sessions.flag,
      sentiment: sessions.sentiment,
      summary: sessions.summary,
      preview: sessions.preview,
      subject: sessions.subject,
      contactHandle: sessions.contactHandle,
      contactName: sessions.contactName,
      createdAt: sessions.createdAt,
      lastActivityAt: sessions.lastActivityAt,
    })
    .from(sessions)
    .where(
      cursor
        ? or(
            lt(sessions.lastActivityAt, new Date(cursor.lastActivityAt)),
            and(eq(sessions.lastActivityAt, new Date(cursor.lastActivityAt)), lt(sessions.id, cursor.id)),
          )
        : undefined,
    )
    .orderBy(desc(sessions.lastActivityAt), desc(sessions.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > options.limit && last ? { lastActivityAt: last.lastActivityAt.toISOString(), id: last.id } : null;
  return { sessions: page, nextCursor };
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
        .select({ id: sessions.id, ticketNumber: sessions.ticketNumber, channel: sessions.channel, status: sessions.status, createdAt: sessions.createdAt, summary: sessions.summary, preview: sessions.preview })
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
