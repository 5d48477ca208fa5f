import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/lib/db/client";
import { dayBounds } from "@/lib/inbox/session-filters";
import { groupGapQuestions, type GapGroup, type GapQuestion } from "./group";
import { BACKGROUND_SESSION_LIMIT } from "./limits";

/** The handoff reason of a question the knowledge base could not answer (lib/agent/outcome.ts). */
export const GAP_REASON = "insufficient_knowledge";

/**
 * Which sessions: the Reports page's population (first message from `from` 00:00 UTC to `to` 24:00 UTC, of the
 * channels given; every channel when none), as the Inbox's from/to/channel filters read it. Either day may be open.
 */
export interface GapScope {
  from: string | null;
  to: string | null;
  channels: readonly string[];
}

function scopeCondition(scope: GapScope): SQL {
  const { start, end } = dayBounds(scope.from, scope.to);
  const parts: SQL[] = [sql`true`];
  if (start) parts.push(sql`s.created_at >= ${start.toISOString()}::timestamptz`);
  if (end) parts.push(sql`s.created_at < ${end.toISOString()}::timestamptz`);
  if (scope.channels.length)
    parts.push(
      sql`s.channel in (${sql.join(
        scope.channels.map((channel) => sql`${channel}`),
        sql`, `,
      )})`,
    );
  return sql.join(parts, sql` and `);
}

/**
 * Sessions the AI handed off for insufficient knowledge (AI outcome handed off, with that reason: the sessions of the
 * handoff rate's "insufficient knowledge" row and the handoff-reasons chart), newest first, each with the customer message that started the run of
 * its latest such handoff; the session's preview when that message is not stored.
 */
async function gapQuestions(db: Db, scope: GapScope): Promise<GapQuestion[]> {
  const result = await db.execute(sql`
    select s.id as session_id, s.ticket_number, coalesce(q.words, s.preview, s.subject, '') as text
    from sessions s
    left join lateral (
      select coalesce(m.model_text, m.text) as words
      from handoffs h
      join agent_runs r on r.id = h.run_id
      join session_messages m on m.session_id = s.id and m.front_message_id = r.trigger_message_id
      where h.session_id = s.id and h.reason = ${GAP_REASON}
      order by h.created_at desc
      limit 1
    ) q on true
    where s.ai_outcome = 'handed_off' and s.handoff_reason = ${GAP_REASON} and ${scopeCondition(scope)}
    order by s.created_at desc, s.id desc`);
  return rowsOf<{ session_id: string; ticket_number: unknown; text: string }>(result).map((row) => ({
    sessionId: row.session_id,
    ticketNumber: Number(row.ticket_number),
    text: row.text,
  }));
}

/** The customer messages that started AI runs in the range's latest other sessions. */
async function backgroundQuestions(db: Db, scope: GapScope): Promise<string[]> {
  const result = await db.execute(sql`
    select coalesce(m.model_text, m.text) as words
    from (
      select s.id from sessions s
      where (s.ai_outcome = 'handed_off' and s.handoff_reason = ${GAP_REASON}) is not true and ${scopeCondition(scope)}
      order by s.created_at desc
      limit ${BACKGROUND_SESSION_LIMIT}
    ) s
    join agent_runs r on r.session_id = s.id
    join session_messages m on m.session_id = s.id and m.front_message_id = r.trigger_message_id`);
  return rowsOf<{ words: string }>(result).map((row) => row.words);
}

export interface KnowledgeGaps {
  /** Gap sessions in scope: the sum of the groups' sizes. */
  sessions: number;
  groups: GapGroup[];
}

/** The knowledge gaps of a range and channel(s), grouped (see group.ts for the method). */
export async function findKnowledgeGaps(db: Db, scope: GapScope): Promise<KnowledgeGaps> {
  // One after another: PGlite has a single connection.
  const questions = await gapQuestions(db, scope);
  if (questions.length === 0) return { sessions: 0, groups: [] };
  const background = await backgroundQuestions(db, scope);
  return { sessions: questions.length, groups: groupGapQuestions(questions, background) };
}

/** The sessions of one group (by its key) of a scope's knowledge gaps: what the Inbox's `gap` filter lists. */
export async function gapGroupSessionIds(db: Db, scope: GapScope, key: string): Promise<string[]> {
  const { groups } = await findKnowledgeGaps(db, scope);
  return groups.find((group) => group.key === key)?.sessionIds ?? [];
}
