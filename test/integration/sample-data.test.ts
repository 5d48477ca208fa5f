import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDOFF_REASONS } from "@/lib/agent/outcome";
import { rowsOf, type Database, type Db } from "@/lib/db/client";
import { finishRun, getOrCreateHandoff, insertSteps, startRun } from "@/lib/db/queries/agent-runs";
import { clearSampleData, countSampleSessions, SAMPLE_CONVERSATION_PREFIX } from "@/lib/db/queries/sample-data";
import { addSessionMessage, findOrCreateSession, updateSession } from "@/lib/db/queries/sessions";
import { recordEventDecision, storeVerifiedEvent } from "@/lib/db/queries/webhook-events";
import { seedSampleData } from "@/lib/runtime";
import { clearSampleHistory, startSampleHistory } from "@/lib/sample-data";
import { generateSampleHistory, type SampleHistorySummary } from "@/lib/sample-data/generate";
import { createTestDatabase, dbKinds } from "../helpers/db";

const DAY = 86_400_000;
const NOW = new Date("2026-03-12T18:30:00Z");
const START = new Date(NOW.getTime() - 5 * DAY);
const OPTIONS = { days: 5, sessions: 150, seed: "sample-data-test", now: NOW, appUrl: "http://frontline.test" };

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** A live session written the way the pipeline writes one, to prove clearing leaves it alone. */
async function writeRealSession(db: Db): Promise<string> {
  const event = await storeVerifiedEvent(db, {
    frontEventId: "evt_real01",
    kind: "application",
    envelopeType: "inbound_received",
    eventType: "inbound",
    frontConversationId: "cnv_real01",
    headers: {},
    body: { type: "inbound_received" },
  });
  const { session } = await findOrCreateSession(db, {
    frontConversationId: "cnv_real01",
    channel: "email",
    contactHandle: "real@customer.example",
    initialStatus: "ai_answering",
  });
  await addSessionMessage(db, {
    sessionId: session.id,
    frontMessageId: "msg_real01",
    direction: "inbound",
    authorType: "customer",
    messageType: "email",
    text: "I want to talk to a person.",
  });
  const run = await startRun(db, {
    sessionId: session.id,
    triggerMessageId: "msg_real01",
    webhookEventId: event.id,
    model: "local",
    receivedAt: new Date(),
  });
  await insertSteps(db, run.id, [
    { position: 0, kind: "reasoning", text: "They ask for a person.", startedAt: new Date(), durationMs: 3 },
  ]);
  await finishRun(db, run.id, { status: "completed", outcome: "handoff", inputTokens: 10, outputTokens: 5 });
  await getOrCreateHandoff(db, {
    sessionId: session.id,
    runId: run.id,
    reason: "user_requested_human_assistance",
    summary: "Customer asked for a person.",
    sentiment: "neutral",
  });
  await updateSession(db, session.id, { status: "handed_off", handoffReason: "user_requested_human_assistance" });
  await recordEventDecision(db, event.id, {
    decision: "processed",
    reason: "the AI handed off to a person",
    sessionId: session.id,
  });
  return session.id;
}

interface RealCounts {
  sessions: number;
  messages: number;
  runs: number;
  steps: number;
  handoffs: number;
  events: number;
  jobs: number;
}

async function realCounts(db: Db, sessionId: string): Promise<RealCounts> {
  const [row] = await rows<Record<keyof RealCounts, number | string>>(
    db,
    sql`select
      (select count(*) from sessions where id = ${sessionId} and not is_sample) as sessions,
      (select count(*) from session_messages where session_id = ${sessionId}) as messages,
      (select count(*) from agent_runs where session_id = ${sessionId}) as runs,
      (select count(*) from agent_steps s join agent_runs r on r.id = s.run_id where r.session_id = ${sessionId}) as steps,
      (select count(*) from handoffs where session_id = ${sessionId}) as handoffs,
      (select count(*) from webhook_events where front_conversation_id = 'cnv_real01') as events,
      (select count(*) from jobs) as jobs`,
  );
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as unknown as RealCounts;
}

/** Everything the history wrote, without database-made ids, in a stable order. */
async function snapshot(db: Db) {
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const strip = (value: unknown) => JSON.parse(JSON.stringify(value).replace(uuid, "<id>"));
  const sessions = await rows(
    db,
    sql`select front_conversation_id, channel, status, subject, contact_handle, contact_name, contact_key, sentiment, summary, handoff_reason,
      status_reason, flag, preview, created_at, last_activity_at, resolved_at
      from sessions where is_sample order by created_at, front_conversation_id`,
  );
  const messages = await rows(
    db,
    sql`select s.front_conversation_id, m.front_message_id, m.direction, m.author_type, m.author_name, m.message_type, m.subject, m.text, m.model_text,
      m.metadata - 'runId' as metadata, m.sent_at, m.recorded_at
      from session_messages m join sessions s on s.id = m.session_id where s.is_sample order by m.sent_at, m.text`,
  );
  const runs = await rows(
    db,
    sql`select s.front_conversation_id, r.trigger_message_id, r.status, r.outcome, r.reply_text, r.delivery_status, r.front_message_uid, r.error,
      r.input_tokens, r.output_tokens, r.received_at, r.started_at, r.finished_at, r.delivered_at
      from agent_runs r join sessions s on s.id = r.session_id where s.is_sample order by r.received_at, r.trigger_message_id`,
  );
  const steps = await rows(
    db,
    sql`select r.trigger_message_id, st.position, st.kind, st.tool_name, st.tool_call_id, st.text, st.input, st.output, st.error, st.started_at, st.duration_ms
      from agent_steps st join agent_runs r on r.id = st.run_id join sessions s on s.id = r.session_id where s.is_sample order by r.trigger_message_id, st.position`,
  );
  const handoffs = await rows(
    db,
    sql`select s.front_conversation_id, h.reason, h.summary, h.sentiment, h.comment_body, h.front_comment_id, h.comment_posted_at, h.unassigned_at, h.error, h.created_at
      from handoffs h join sessions s on s.id = h.session_id where s.is_sample order by h.created_at, s.front_conversation_id`,
  );
  const events = await rows(
    db,
    sql`select e.front_event_id, e.event_type, e.front_conversation_id, e.decision, e.decision_reason, e.failed_check, e.error, e.received_at, e.processed_at, e.processing_ms
      from webhook_events e where e.front_conversation_id like 'cnv\\_sample\\_%' order by e.received_at, e.front_event_id`,
  );
  return strip({ sessions, messages, runs, steps, handoffs, events });
}

describe.each(dbKinds())("sample history (%s)", (kind) => {
  let database: Database;
  let db: Db;
  let summary: SampleHistorySummary;
  let realSessionId: string;
  let realBefore: RealCounts;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await seedSampleData(db);
    realSessionId = await writeRealSession(db);
    realBefore = await realCounts(db, realSessionId);
    summary = await generateSampleHistory(db, OPTIONS);
  }, 180_000);

  afterAll(async () => {
    await database?.close();
  });

  it("lays down about the asked number of sessions on every channel, phone the largest share", async () => {
    expect(summary.sessions).toBeGreaterThan(120);
    expect(summary.sessions).toBeLessThan(180);
    expect(await countSampleSessions(db)).toBe(summary.sessions);
    const byChannel = await rows<{ channel: string; n: number | string }>(
      db,
      sql`select channel, count(*) as n from sessions where is_sample group by channel`,
    );
    const counts = Object.fromEntries(byChannel.map((row) => [row.channel, Number(row.n)]));
    expect(Object.keys(counts).sort()).toEqual(["email", "sms", "voice", "web", "whatsapp"]);
    expect(counts).toEqual(summary.byChannel);
    expect(Math.max(...Object.values(counts))).toBe(counts.voice);
    expect(counts.email).toBeGreaterThan(counts.whatsapp);
    // Calls carry their duration and whether someone answered; voicemails are the unanswered ones.
    const calls = await rows<{ answered: boolean | null; seconds: number | null; kind: string }>(
      db,
      sql`select (m.metadata->>'answered')::boolean as answered, (m.metadata->>'durationSeconds')::int as seconds, m.metadata->>'callKind' as kind
        from session_messages m join sessions s on s.id = m.session_id where s.is_sample and s.channel = 'voice' and m.author_type = 'customer'`,
    );
    expect(calls.length).toBe(counts.voice);
    expect(calls.every((call) => call.seconds !== null && call.seconds > 0)).toBe(true);
    expect(calls.filter((call) => call.answered === false).every((call) => call.kind === "voicemail")).toBe(true);
    expect(calls.some((call) => call.answered === true)).toBe(true);
    expect(calls.some((call) => call.answered === false)).toBe(true);
  });

  it("gives every session messages, and every session the AI took a run with steps", async () => {
    const sessions = await rows<{
      id: string;
      status: string;
      status_reason: string | null;
      messages: number | string;
      runs: number | string;
      empty_runs: number | string;
    }>(
      db,
      sql`select s.id, s.status, s.status_reason,
        (select count(*) from session_messages m where m.session_id = s.id) as messages,
        (select count(*) from agent_runs r where r.session_id = s.id) as runs,
        (select count(*) from agent_runs r where r.session_id = s.id and not exists (select 1 from agent_steps st where st.run_id = r.id)) as empty_runs
        from sessions s where s.is_sample`,
    );
    expect(sessions.every((session) => Number(session.messages) >= 1)).toBe(true);
    expect(sessions.every((session) => Number(session.empty_runs) === 0)).toBe(true);
    const skipped = await rows<{ id: string }>(
      db,
      sql`select s.id from sessions s join webhook_events e on e.session_id = s.id where s.is_sample and e.decision = 'skipped' and e.failed_check = 'assignment'`,
    );
    const skippedIds = new Set(skipped.map((row) => row.id));
    // Skipped sessions belong to a person: like live traffic, the AI never ran on them.
    for (const session of sessions) expect(Number(session.runs) >= 1).toBe(!skippedIds.has(session.id));
    expect(summary.outcomes.skipped ?? 0).toBe(skippedIds.size);
    // The agent really ran: reasoning first, knowledge-base searches with real articles in their output.
    const [searches] = await rows<{ n: number | string; with_articles: number | string }>(
      db,
      sql`select count(*) as n, count(*) filter (where jsonb_array_length(st.output->'results') > 0) as with_articles
        from agent_steps st join agent_runs r on r.id = st.run_id join sessions s on s.id = r.session_id
        where s.is_sample and st.tool_name = 'search_knowledge_base' and st.error is null`,
    );
    expect(Number(searches.with_articles)).toBeGreaterThan(Number(searches.n) / 2);
    const [firsts] = await rows<{ not_reasoning: number | string }>(
      db,
      sql`select count(*) as not_reasoning from agent_steps st join agent_runs r on r.id = st.run_id join sessions s on s.id = r.session_id
        where s.is_sample and st.position = 0 and st.kind <> 'reasoning'`,
    );
    expect(Number(firsts.not_reasoning)).toBe(0);
  });

  it("mixes outcomes like a real team: mostly answered, a good share handed off for several reasons", async () => {
    const { outcomes, sessions } = summary;
    expect((outcomes.answered ?? 0) / sessions).toBeGreaterThan(0.45);
    expect((outcomes.answered ?? 0) / sessions).toBeLessThan(0.75);
    expect((outcomes.handed_off ?? 0) / sessions).toBeGreaterThan(0.15);
    expect((outcomes.handed_off ?? 0) / sessions).toBeLessThan(0.45);
    expect(Object.keys(summary.handoffReasons).length).toBeGreaterThanOrEqual(3);
    expect(summary.resolved).toBeGreaterThan(0);
    expect(summary.repeatContacts).toBeGreaterThan(0);
    // Sentiment comes from the customer's words: those handed off for being upset are never "positive".
    const upset = await rows<{ sentiment: string }>(
      db,
      sql`select h.sentiment from handoffs h join sessions s on s.id = h.session_id where s.is_sample and h.reason = 'based_on_instructions'`,
    );
    expect(upset.length).toBeGreaterThan(0);
    expect(upset.every((row) => row.sentiment === "angry" || row.sentiment === "frustrated")).toBe(true);
  });

  it("records each handoff with its reason, summary and the comment posted to Front", async () => {
    const handoffs = await rows<{
      reason: string;
      summary: string;
      comment_body: string | null;
      front_comment_id: string | null;
      comment_posted_at: Date | null;
      unassigned_at: Date | null;
      error: string | null;
      session_id: string;
    }>(db, sql`select h.*, h.session_id from handoffs h join sessions s on s.id = h.session_id where s.is_sample`);
    expect(handoffs.length).toBe(summary.handoffs);
    for (const handoff of handoffs) {
      expect(HANDOFF_REASONS).toContain(handoff.reason);
      expect(handoff.summary.length).toBeGreaterThan(10);
      if (handoff.error) continue; // Front failed mid-handoff: the session is flagged instead.
      expect(handoff.front_comment_id).toMatch(/^com_sample_/);
      expect(handoff.comment_body).toContain("**Frontline AI handed this conversation to the team.**");
      expect(handoff.comment_body).toContain(`http://frontline.test/inbox/${handoff.session_id}`);
      expect(handoff.comment_posted_at).not.toBeNull();
      expect(handoff.unassigned_at).not.toBeNull();
    }
    const missingReason = await rows(
      db,
      sql`select id from sessions where is_sample and status = 'handed_off' and handoff_reason is null`,
    );
    expect(missingReason).toEqual([]);
  });

  it("marks everything as sample data, with sample ids that cannot collide with Front's", async () => {
    const [row] = await rows<Record<string, number | string>>(
      db,
      sql`select
        (select count(*) from sessions where front_conversation_id like 'cnv\\_sample\\_%' and not is_sample) as unmarked,
        (select count(*) from sessions where is_sample and front_conversation_id not like 'cnv\\_sample\\_%') as misnamed,
        (select count(*) from session_messages m join sessions s on s.id = m.session_id where s.is_sample and m.front_message_id not like 'msg\\_sample\\_%') as messages,
        (select count(*) from webhook_events e join sessions s on s.id = e.session_id where s.is_sample and e.front_event_id not like 'evt\\_sample\\_%') as events,
        (select count(*) from webhook_events where front_conversation_id like 'cnv\\_sample\\_%' and decision = 'queued') as undecided,
        (select count(*) from agent_runs r join sessions s on s.id = r.session_id where s.is_sample and r.front_message_uid not like 'uid\\_sample\\_%') as uids,
        (select count(*) from jobs) as jobs`,
    );
    expect(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]))).toEqual({
      unmarked: 0,
      misnamed: 0,
      messages: 0,
      events: 0,
      undecided: 0,
      uids: 0,
      jobs: realBefore.jobs,
    });
    expect(SAMPLE_CONVERSATION_PREFIX).toBe("cnv_sample_");
  });

  it("dates everything inside the window, each run received before it was delivered", async () => {
    const [sessions] = await rows<Record<string, number | string>>(
      db,
      sql`select
        count(*) filter (where created_at < ${START.toISOString()}::timestamptz or last_activity_at > ${NOW.toISOString()}::timestamptz) as outside,
        count(*) filter (where created_at > last_activity_at or updated_at <> last_activity_at) as disordered,
        count(*) filter (where (status = 'resolved') <> (resolved_at is not null) or resolved_at > last_activity_at or resolved_at < created_at) as resolution
        from sessions where is_sample`,
    );
    expect(Object.values(sessions).map(Number)).toEqual([0, 0, 0]);
    const [runs] = await rows<Record<string, number | string>>(
      db,
      sql`select
        count(*) filter (where r.received_at < ${START.toISOString()}::timestamptz or r.finished_at > ${NOW.toISOString()}::timestamptz or r.delivered_at > ${NOW.toISOString()}::timestamptz) as outside,
        count(*) filter (where not (r.received_at <= r.started_at and r.started_at <= r.finished_at)) as unordered,
        count(*) filter (where r.delivery_status = 'delivered' and not (r.finished_at <= r.delivered_at and r.received_at <= r.delivered_at)) as undelivered,
        count(*) filter (where r.delivered_at is null and r.delivery_status = 'delivered') as missing,
        count(*) filter (where r.started_at < s.created_at) as before_session
        from agent_runs r join sessions s on s.id = r.session_id where s.is_sample`,
    );
    expect(Object.values(runs).map(Number)).toEqual([0, 0, 0, 0, 0]);
    const [steps] = await rows<{ outside: number | string }>(
      db,
      sql`select count(*) as outside from agent_steps st join agent_runs r on r.id = st.run_id join sessions s on s.id = r.session_id
        where s.is_sample and (st.started_at < r.started_at or st.started_at + make_interval(secs => st.duration_ms / 1000.0) > r.finished_at)`,
    );
    expect(Number(steps.outside)).toBe(0);
    const [others] = await rows<Record<string, number | string>>(
      db,
      sql`select
        (select count(*) from session_messages m join sessions s on s.id = m.session_id where s.is_sample
          and (m.sent_at < ${START.toISOString()}::timestamptz or m.sent_at > ${NOW.toISOString()}::timestamptz or m.recorded_at < m.sent_at)) as messages,
        (select count(*) from webhook_events where front_conversation_id like 'cnv\\_sample\\_%'
          and (received_at < ${START.toISOString()}::timestamptz or processed_at > ${NOW.toISOString()}::timestamptz or processed_at < received_at)) as events,
        (select count(*) from handoffs h join sessions s on s.id = h.session_id join agent_runs r on r.id = h.run_id where s.is_sample
          and (h.created_at < r.finished_at or h.comment_posted_at < h.created_at or h.unassigned_at < h.comment_posted_at)) as handoffs`,
    );
    expect(Object.values(others).map(Number)).toEqual([0, 0, 0]);
    // Webhook to outcome: seconds, not milliseconds or hours.
    expect(summary.outcomeSeconds.min).toBeGreaterThan(0.2);
    expect(summary.outcomeSeconds.p50).toBeGreaterThan(1);
    expect(summary.outcomeSeconds.p50).toBeLessThan(20);
  });

  it("writes the same history again for the same seed, after clearing exactly the sample rows", async () => {
    const before = await snapshot(db);
    const cleared = await clearSampleData(db);
    expect(cleared.sessions).toBe(summary.sessions);
    expect(cleared.messages).toBe(summary.messages);
    expect(cleared.runs).toBe(summary.runs);
    expect(cleared.handoffs).toBe(summary.handoffs);
    expect(cleared.webhookEvents).toBe(summary.webhookEvents);
    expect(cleared.steps).toBeGreaterThan(summary.runs);
    expect(await countSampleSessions(db)).toBe(0);
    expect(await realCounts(db, realSessionId)).toEqual(realBefore);

    const again = await generateSampleHistory(db, OPTIONS);
    expect({ ...again, elapsedMs: 0 }).toEqual({ ...summary, elapsedMs: 0 });
    expect(await snapshot(db)).toEqual(before);

    const other = await generateSampleHistory(db, { ...OPTIONS, seed: "another-seed", sessions: 20 });
    expect(other.sessions).toBeGreaterThan(0);
    expect(await countSampleSessions(db)).toBe(summary.sessions + other.sessions);
  }, 180_000);

  it("clears every sample row and leaves the real session untouched", async () => {
    const cleared = await clearSampleData(db);
    expect(cleared.sessions).toBeGreaterThan(summary.sessions);
    const [left] = await rows<Record<string, number | string>>(
      db,
      sql`select
        (select count(*) from sessions where is_sample) as sessions,
        (select count(*) from session_messages) as messages,
        (select count(*) from agent_runs) as runs,
        (select count(*) from agent_steps) as steps,
        (select count(*) from handoffs) as handoffs,
        (select count(*) from webhook_events) as events`,
    );
    expect(Object.fromEntries(Object.entries(left).map(([key, value]) => [key, Number(value)]))).toEqual({
      sessions: 0,
      messages: realBefore.messages,
      runs: realBefore.runs,
      steps: realBefore.steps,
      handoffs: realBefore.handoffs,
      events: realBefore.events,
    });
    expect(await realCounts(db, realSessionId)).toEqual(realBefore);
    expect(await clearSampleData(db)).toEqual({
      sessions: 0,
      messages: 0,
      runs: 0,
      steps: 0,
      handoffs: 0,
      webhookEvents: 0,
    });
  });

  it("starts in the background only while there is no history, and a clear is not undone by a restart", async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const written = await startSampleHistory(db, { ...OPTIONS, sessions: 30, log });
    expect(written?.sessions).toBeGreaterThan(10);
    expect(lines[0]).toMatch(/^writing 5 days of sample history/);
    expect(lines.at(-1)).toMatch(/^sample history done: \d+ sessions in [\d.]+ s \(\d+% answered by the AI/);
    // Already there: nothing more is written.
    expect(await startSampleHistory(db, { ...OPTIONS, sessions: 30, log })).toBeNull();
    expect(await countSampleSessions(db)).toBe(written!.sessions);

    const cleared = await clearSampleHistory(db);
    expect(cleared.sessions).toBe(written!.sessions);
    const before = lines.length;
    expect(await startSampleHistory(db, { ...OPTIONS, sessions: 30, log })).toBeNull();
    expect(lines.length).toBe(before);
    expect(await countSampleSessions(db)).toBe(0);
    expect(await realCounts(db, realSessionId)).toEqual(realBefore);
  }, 120_000);
});
