import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/lib/db/client";
import { listSessions } from "@/lib/db/queries/sessions";
import { sessions } from "@/lib/db/schema";
import { getChannelReport } from "@/lib/reports/queries";
import { addDays, utcDate } from "@/lib/reports/range";
import { SeedRefused, seedScale, type SeedScaleSummary } from "@/scripts/lib/seed-scale";
import { createTestDatabase, dbKinds } from "../helpers/db";

// The data-at-scale seed at a small scale: it lays down what it claims, so the benchmark's numbers mean something.

const SESSIONS = 2_000;

async function one<T>(database: Database, query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await database.db.execute(query))[0];
}

async function indexNames(database: Database): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await database.db.execute(
      sql`select indexname as name from pg_indexes where schemaname = current_schema() order by 1`,
    ),
  );
  return rows.map((row) => row.name);
}

describe.each(dbKinds())("seed:scale on %s", (kind) => {
  let database: Database;
  let summary: SeedScaleSummary;
  let indexesBefore: string[];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    indexesBefore = await indexNames(database);
    summary = await seedScale(database.db, { sessions: SESSIONS, chunkSize: 700, deferIndexes: true });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("reports the rows it made, and they are in the database", async () => {
    const counts = await one<Record<string, number | string>>(
      database,
      sql`select (select count(*) from sessions) as sessions, (select count(*) from session_messages) as messages, (select count(*) from agent_runs) as runs,
        (select count(*) from agent_steps) as steps, (select count(*) from handoffs) as handoffs, (select count(*) from webhook_events) as events`,
    );
    expect(summary.sessions).toBe(SESSIONS);
    expect(Number(counts.sessions)).toBe(SESSIONS);
    expect(Number(counts.messages)).toBe(summary.messages);
    expect(Number(counts.runs)).toBe(summary.runs);
    expect(Number(counts.steps)).toBe(summary.steps);
    expect(Number(counts.handoffs)).toBe(summary.handoffs);
    expect(Number(counts.events)).toBe(summary.webhookEvents);
    expect(summary.messages).toBeGreaterThan(SESSIONS * 2);
  });

  it("spreads sessions over the last 90 days and every channel, status, reason and sentiment", async () => {
    const spread = await one<{ oldest: string; newest: string; days: number | string; backwards: number | string }>(
      database,
      sql`select min(created_at)::text as oldest, max(created_at)::text as newest, count(distinct (created_at at time zone 'UTC')::date) as days,
        count(*) filter (where last_activity_at < created_at or last_activity_at > now()) as backwards from sessions`,
    );
    const oldestDays = (Date.now() - Date.parse(spread.oldest)) / 86_400_000;
    expect(oldestDays).toBeGreaterThan(85);
    expect(oldestDays).toBeLessThanOrEqual(90.01);
    expect(Date.now() - Date.parse(spread.newest)).toBeLessThan(2 * 86_400_000);
    expect(Number(spread.days)).toBeGreaterThanOrEqual(88);
    expect(Number(spread.backwards)).toBe(0);

    const distinct = async (column: string) =>
      rowsOf<{ value: string }>(
        await database.db.execute(
          sql.raw(`select distinct ${column} as value from sessions where ${column} is not null order by 1`),
        ),
      ).map((row) => row.value);
    expect(await distinct("channel")).toEqual(["email", "sms", "voice", "web", "whatsapp"]);
    expect(await distinct("status")).toEqual(
      expect.arrayContaining(["answered", "failed", "handed_off", "resolved", "skipped"]),
    );
    expect((await distinct("handoff_reason")).length).toBe(7);
    expect(await distinct("sentiment")).toEqual(["angry", "frustrated", "neutral", "positive"]);
    // Contacts come back: fewer contacts than sessions.
    const contacts = await one<{ n: number | string }>(
      database,
      sql`select count(distinct contact_key) as n from sessions`,
    );
    expect(Number(contacts.n)).toBeLessThan(SESSIONS * 0.6);
  });

  it("gives each answered turn a run of about five steps, with tool calls, and each handoff its row", async () => {
    const steps = await one<{
      per_run: number | string;
      per_session: number | string;
      fewest: number | string;
      tools: string;
    }>(
      database,
      sql`select avg(n)::float8 as per_run, (sum(n)::float8 / ${SESSIONS}) as per_session, min(n) as fewest,
        (select string_agg(distinct tool_name, ',' order by tool_name) from agent_steps) as tools
        from (select r.id, count(st.id) as n from agent_runs r left join agent_steps st on st.run_id = r.id group by r.id) per_run`,
    );
    expect(Number(steps.per_run)).toBeGreaterThan(4);
    expect(Number(steps.per_run)).toBeLessThan(6);
    expect(Number(steps.per_session)).toBeGreaterThan(4);
    expect(Number(steps.per_session)).toBeLessThan(7);
    expect(Number(steps.fewest)).toBeGreaterThanOrEqual(3);
    expect(steps.tools).toBe("handoff_to_human,lookup_contact,search_knowledge_base");

    const consistency = await one<Record<string, number | string>>(
      database,
      sql`select
        (select count(*) from sessions where status = 'handed_off') as handed_off,
        (select count(*) from handoffs) as handoffs,
        (select count(*) from sessions where status = 'handed_off' and handoff_reason is null) as without_reason,
        (select count(*) from sessions s where status <> 'skipped' and not exists (select 1 from agent_runs r where r.session_id = s.id)) as without_run,
        (select count(*) from sessions s where not exists (select 1 from session_messages m where m.session_id = s.id and m.direction = 'inbound')) as without_customer,
        (select count(*) from agent_runs where delivered_at is not null and delivered_at <= received_at) as bad_waits,
        (select count(*) from agent_runs where cost_usd is null) as without_cost`,
    );
    expect(Number(consistency.handoffs)).toBe(Number(consistency.handed_off));
    for (const key of ["without_reason", "without_run", "without_customer", "bad_waits", "without_cost"])
      expect(Number(consistency[key]), key).toBe(0);
  });

  it("leaves the app's indexes as it found them and its queries see the data", async () => {
    expect(await indexNames(database)).toEqual(indexesBefore);
    // The report rollups' triggers, off while loading, are on again.
    const disabled = await one<{ n: number | string }>(
      database,
      sql`select count(*) as n from pg_trigger where tgname like 'report_rollups_%' and tgenabled = 'D'`,
    );
    expect(Number(disabled.n)).toBe(0);
    const page = await listSessions(database.db, { limit: 50 });
    expect(page.sessions).toHaveLength(50);
    expect(page.nextCursor).not.toBeNull();
    const today = utcDate();
    const report = await getChannelReport(database.db, { from: addDays(today, -90), to: today });
    expect(report.totalSessions).toBe(SESSIONS);
    expect(report.responseTimes.all.runs).toBeGreaterThan(SESSIONS * 0.8);
  });

  it("refuses a database with sessions it did not make, unless forced", async () => {
    await database.db
      .insert(sessions)
      .values({ frontConversationId: "cnv_real_customer", channel: "email", status: "answered" });
    await expect(seedScale(database.db, { sessions: 10 })).rejects.toBeInstanceOf(SeedRefused);
    const forced = await seedScale(database.db, { sessions: 10, force: true });
    expect(forced.sessions).toBe(10);
  });
});
