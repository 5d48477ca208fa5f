import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/lib/db/client";
import { clearSampleData } from "@/lib/db/queries/sample-data";
import { agentRuns, sessions } from "@/lib/db/schema";
import { histogramPercentile, mergeBuckets } from "@/lib/reports/histogram";
import { addDays, eachDay } from "@/lib/reports/range";
import { readWaitHistogram } from "@/lib/reports/wait-histograms";
import { compactWeeklyHistograms } from "@/lib/db/queries/report-rollups";
import { percentileCont } from "@/lib/stats";
import { createTestDatabase, dbKinds } from "../helpers/db";
import { CHANNELS, SENTIMENTS as SENTIMENT_VALUES, SESSION_STATUSES } from "@/lib/domain";

// The report rollups (session_daily_stats, run_wait_histogram) are kept by triggers: after any mix of inserts,
// updates, deletes (direct and cascaded) and truncates they must equal what the base tables say.

const STATUSES = SESSION_STATUSES;
const SENTIMENTS = [null, ...SENTIMENT_VALUES];
const REASONS = [null, "error", "insufficient_knowledge", "user_requested_human_assistance"] as const;
const OUTCOMES = [null, "reply", "handoff"];

/** A small deterministic generator, so a failure replays. */
function prng(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    int: (max: number) => Math.floor(next() * max),
  };
}

type Counts = Record<string, number>;

/** A random AI outcome with its follow-up, hours to weeks after the act (or none), spanning every delay class. */
function aiFields(rng: ReturnType<typeof prng>, createdAt: Date) {
  const outcome = rng.pick([null, "answered", "handed_off", "failed", "skipped"] as const);
  const actedAt = outcome ? new Date(createdAt.getTime() + rng.int(3) * 86_400_000 + rng.int(3_600_000)) : null;
  const later = () =>
    actedAt && rng.next() < 0.6
      ? new Date(actedAt.getTime() + rng.pick([1, 30, 100, 200, 400, 800]) * 3_600_000 + rng.int(3_600_000))
      : null;
  return { aiOutcome: outcome, aiOutcomeAt: actedAt, humanRepliedAt: later(), reopenedAt: later() };
}

/** The rollups as they are, and as recomputed from sessions and runs; zero rows left behind by decrements are equal to none. */
async function compare(database: Database): Promise<{
  stats: [Counts, Counts];
  waits: [Counts, Counts];
  sums: [Counts, Counts];
  ai: [Counts, Counts];
  replies: [Counts, Counts];
  weekly: [Counts, Counts];
  weeklySums: [Counts, Counts];
}> {
  const read = async (query: ReturnType<typeof sql>) =>
    rowsOf<{ key: string; n: number | string; s?: number | string }>(await database.db.execute(query));
  const toCounts = (rows: { key: string; n: number | string }[]) =>
    Object.fromEntries(rows.filter((row) => Number(row.n) !== 0).map((row) => [row.key, Number(row.n)]));
  const toSums = (rows: { key: string; n: number | string; s?: number | string }[]) =>
    Object.fromEntries(
      rows.filter((row) => Number(row.n) !== 0).map((row) => [row.key, Math.round(Number(row.s) * 1000) / 1000]),
    );
  const statsKey = sql.raw(
    `day::text || '|' || channel || '|' || status || '|' || coalesce(sentiment, '-') || '|' || coalesce(handoff_reason, '-')`,
  );
  const stats = await read(sql`select ${statsKey} as key, sessions as n from session_daily_stats`);
  const expectedStats = await read(
    sql`select ${statsKey} as key, count(*) as n from (select (created_at at time zone 'UTC')::date as day, * from sessions) s group by 1`,
  );
  const waits = await read(
    sql`select day::text || '|' || channel || '|' || bucket as key, runs as n, wait_seconds_sum as s from run_wait_histogram`,
  );
  const expectedWaits = await read(sql`
    select day::text || '|' || channel || '|' || report_wait_bucket(wait) as key, count(*) as n, sum(wait) as s
    from (select (s.created_at at time zone 'UTC')::date as day, s.channel, report_run_wait(r.received_at, r.delivered_at, r.outcome) as wait
          from agent_runs r join sessions s on s.id = r.session_id) w
    where wait is not null group by 1`);
  const aiKey = sql.raw(
    `day::text || '|' || channel || '|' || coalesce(ai_outcome, '-') || '|' || coalesce(handoff_reason, '-') || '|' || coalesce(acted_day::text, '-') || '|' || coalesce(followup_class::text, '-') || '|' || coalesce(reopen_class::text, '-')`,
  );
  const ai = await read(sql`select ${aiKey} as key, sessions as n from session_ai_daily_stats`);
  const expectedAi = await read(sql`
    select ${aiKey} as key, count(*) as n
    from (select (created_at at time zone 'UTC')::date as day, channel, ai_outcome, handoff_reason, (ai_outcome_at at time zone 'UTC')::date as acted_day,
            report_delay_class(ai_outcome_at, least(human_replied_at, reopened_at)) as followup_class, report_delay_class(ai_outcome_at, reopened_at) as reopen_class
          from sessions) s
    group by 1`);
  const replyKey = sql.raw(`day::text || '|' || channel || '|' || bucket`);
  const replies = await read(sql`select ${replyKey} as key, sessions as n from handoff_reply_histogram`);
  const expectedReplies = await read(sql`
    select ${replyKey} as key, count(*) as n
    from (select (created_at at time zone 'UTC')::date as day, channel, report_reply_bucket(report_reply_wait(ai_outcome, ai_outcome_at, human_replied_at)) as bucket
          from sessions where report_reply_wait(ai_outcome, ai_outcome_at, human_replied_at) is not null) s
    group by 1`);
  // The weekly tables: the sum of each key's rows equals the daily table's by the Monday of the day (the daily
  // tables are checked above).
  const weekly = await read(sql`
    select 'run|' || week::text || '|' || channel || '|' || bucket as key, sum(runs) as n, sum(wait_seconds_sum) as s
    from run_wait_weekly_histogram group by 1
    union all
    select 'reply|' || week::text || '|' || channel || '|' || bucket, sum(sessions), sum(wait_seconds_sum)
    from handoff_reply_weekly_histogram group by 1`);
  const expectedWeekly = await read(sql`
    select 'run|' || date_trunc('week', day::timestamp)::date::text || '|' || channel || '|' || bucket as key, sum(runs) as n, sum(wait_seconds_sum) as s
    from run_wait_histogram group by 1
    union all
    select 'reply|' || date_trunc('week', day::timestamp)::date::text || '|' || channel || '|' || bucket, sum(sessions), sum(wait_seconds_sum)
    from handoff_reply_histogram group by 1`);
  return {
    weekly: [toCounts(weekly), toCounts(expectedWeekly)],
    weeklySums: [toSums(weekly), toSums(expectedWeekly)],
    stats: [toCounts(stats), toCounts(expectedStats)],
    waits: [toCounts(waits), toCounts(expectedWaits)],
    sums: [toSums(waits), toSums(expectedWaits)],
    ai: [toCounts(ai), toCounts(expectedAi)],
    replies: [toCounts(replies), toCounts(expectedReplies)],
  };
}

async function expectConsistent(database: Database) {
  const { stats, waits, sums, ai, replies, weekly, weeklySums } = await compare(database);
  expect(stats[0]).toEqual(stats[1]);
  expect(weekly[0]).toEqual(weekly[1]);
  for (const key of Object.keys(weeklySums[1])) expect(weeklySums[0][key]).toBeCloseTo(weeklySums[1][key], 2);
  expect(ai[0]).toEqual(ai[1]);
  expect(replies[0]).toEqual(replies[1]);
  expect(Object.keys(ai[1]).length).toBeGreaterThan(0);
  expect(waits[0]).toEqual(waits[1]);
  for (const key of Object.keys(sums[1])) expect(sums[0][key]).toBeCloseTo(sums[1][key], 2);
}

describe.each(dbKinds())("report rollups on %s", (kind) => {
  let database: Database;
  const rng = prng(7);
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Days are UTC days whatever the connection's time zone.
    if (kind === "pglite") await database.db.execute(sql`set time zone 'Asia/Tokyo'`);
  });

  afterAll(async () => {
    await database?.close();
  });

  async function addSessions(count: number, isSample = false): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      counter += 1;
      const createdAt = new Date(Date.UTC(2026, 10, 1 + rng.int(5), rng.int(24), rng.int(60)));
      const [session] = await database.db
        .insert(sessions)
        .values({
          frontConversationId: `cnv_rollup_${counter}`,
          channel: rng.pick(CHANNELS),
          status: rng.pick(STATUSES),
          sentiment: rng.pick(SENTIMENTS),
          handoffReason: rng.pick(REASONS),
          ...aiFields(rng, createdAt),
          isSample,
          createdAt,
          lastActivityAt: createdAt,
        })
        .returning();
      ids.push(session.id);
      for (let turn = 0; turn < rng.int(3); turn++) {
        const receivedAt = new Date(createdAt.getTime() + turn * 60_000);
        const delivered = rng.next() < 0.8;
        await database.db.insert(agentRuns).values({
          sessionId: session.id,
          triggerMessageId: `msg_rollup_${counter}_${turn}`,
          model: "local",
          status: "completed",
          outcome: rng.pick(OUTCOMES),
          receivedAt: rng.next() < 0.9 ? receivedAt : null,
          deliveredAt: delivered ? new Date(receivedAt.getTime() + 200 + rng.int(60_000)) : null,
        });
      }
    }
    return ids;
  }

  it("counts inserted sessions and delivered runs", async () => {
    await addSessions(40);
    await expectConsistent(database);
    // The sessions start on a Sunday and the days after it, so the weekly tables hold two weeks.
    const { weekly } = await compare(database);
    expect(new Set(Object.keys(weekly[1]).map((key) => key.split("|")[1]))).toEqual(
      new Set(["2026-10-26", "2026-11-02"]),
    );
  });

  it("follows status, sentiment, reason, channel and day changes, and runs being delivered", async () => {
    const ids = rowsOf<{ id: string }>(await database.db.execute(sql`select id from sessions`)).map((row) => row.id);
    for (let i = 0; i < 60; i++) {
      const id = rng.pick(ids);
      const change = rng.int(4);
      if (change === 0)
        await database.db
          .update(sessions)
          .set({ status: rng.pick(STATUSES), sentiment: rng.pick(SENTIMENTS), handoffReason: rng.pick(REASONS) })
          .where(eq(sessions.id, id));
      else if (change === 1 && rng.next() < 0.5)
        await database.db
          .update(sessions)
          .set(aiFields(rng, new Date(Date.UTC(2026, 10, 1 + rng.int(5), rng.int(24)))))
          .where(eq(sessions.id, id));
      else if (change === 1)
        await database.db
          .update(sessions)
          .set({ channel: rng.pick(CHANNELS), createdAt: new Date(Date.UTC(2026, 10, 1 + rng.int(5), rng.int(24))) })
          .where(eq(sessions.id, id));
      // An update that touches no counted column (the pipeline's preview and activity writes).
      else if (change === 2)
        await database.db
          .update(sessions)
          .set({ preview: `seen ${i}`, lastActivityAt: new Date() })
          .where(eq(sessions.id, id));
      else {
        await database.db
          .update(agentRuns)
          .set({
            deliveredAt: sql`coalesce(${agentRuns.receivedAt}, now()) + interval '3 seconds'`,
            outcome: rng.pick(OUTCOMES),
          })
          .where(eq(agentRuns.sessionId, id));
      }
    }
    await expectConsistent(database);
  });

  it("takes out deleted runs and sessions, their runs cascaded, and sample data cleared", async () => {
    const ids = rowsOf<{ id: string }>(await database.db.execute(sql`select id from sessions order by id`)).map(
      (row) => row.id,
    );
    await database.db.delete(agentRuns).where(eq(agentRuns.sessionId, ids[0]));
    // Deleting a session deletes its runs by cascade: each run must come out exactly once.
    await database.db.delete(sessions).where(inArray(sessions.id, ids.slice(1, 6)));
    await expectConsistent(database);
    await addSessions(10, true);
    await clearSampleData(database.db);
    await expectConsistent(database);
  });

  it("reads a range's waits as the sum of its days, whole weeks from the weekly tables", async () => {
    for (const histogram of ["runWaits", "replyWaits"] as const) {
      const { daily, count } =
        histogram === "runWaits"
          ? { daily: "run_wait_histogram", count: "runs" }
          : { daily: "handoff_reply_histogram", count: "sessions" };
      for (const from of eachDay("2026-10-26", "2026-11-05")) {
        for (const length of [1, 3, 7, 8, 13, 14, 20]) {
          const to = addDays(from, length - 1);
          for (const channel of [undefined, "voice"]) {
            const read = await readWaitHistogram(database.db, histogram, { from, to, channel });
            const got = Object.fromEntries(
              [...read].flatMap(([name, buckets]) => buckets.map((b) => [`${name}|${b.bucket}`, b.runs])),
            );
            const expected = await database.db.execute(sql`
              select channel || '|' || bucket as key, sum(${sql.raw(count)}) as n from ${sql.raw(daily)}
              where day >= ${from}::date and day <= ${to}::date ${channel ? sql`and channel = ${channel}` : sql``}
              group by 1 having sum(${sql.raw(count)}) > 0`);
            const want = Object.fromEntries(
              rowsOf<{ key: string; n: unknown }>(expected).map((row) => [row.key, Number(row.n)]),
            );
            expect(got, `${histogram} ${from}..${to} ${channel ?? "all"}`).toEqual(want);
          }
        }
      }
    }
  });

  it("folds each week's rows into one per key, sums unchanged", async () => {
    const before = await compare(database);
    const crowded = async () =>
      rowsOf<{ n: number | string }>(
        await database.db.execute(sql`
          select count(*) as n from (
            select 1 from run_wait_weekly_histogram group by week, channel, bucket having count(*) > 1
            union all
            select 1 from handoff_reply_weekly_histogram group by week, channel, bucket having count(*) > 1) k`),
      )[0].n;
    expect(Number(await crowded())).toBeGreaterThan(0);
    await compactWeeklyHistograms(database.db);
    expect(Number(await crowded())).toBe(0);
    const after = await compare(database);
    expect(after.weekly[0]).toEqual(before.weekly[0]);
    for (const key of Object.keys(before.weeklySums[0]))
      expect(after.weeklySums[0][key]).toBeCloseTo(before.weeklySums[0][key], 6);
    await expectConsistent(database);
  });

  it.runIf(kind === "postgres")(
    "never deadlocks two writers of the same week: one holding Monday then writing Thursday, one writing Thursday",
    async () => {
      const upsert = (day: string) => sql`
        insert into run_wait_histogram as t (day, channel, bucket, runs, wait_seconds_sum)
        values (${day}::date, 'voice', 7, 1, 2.5)
        on conflict on constraint run_wait_histogram_key
        do update set runs = t.runs + excluded.runs, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum`;
      let signalMondayHeld!: () => void;
      const mondayHeld = new Promise<void>((resolve) => (signalMondayHeld = resolve));
      let signalThursdayHeld!: () => void;
      const thursdayHeld = new Promise<void>((resolve) => (signalThursdayHeld = resolve));
      // The first holds Monday's daily row (and has written the week) before the second takes Thursday's.
      const first = database.db.transaction(async (tx) => {
        await tx.execute(upsert("2026-11-09"));
        signalMondayHeld();
        await thursdayHeld;
        await tx.execute(upsert("2026-11-12"));
      });
      const second = database.db.transaction(async (tx) => {
        await mondayHeld;
        await tx.execute(upsert("2026-11-12"));
        signalThursdayHeld();
        // Long enough for the first to queue behind Thursday's row while this one still holds it.
        await tx.execute(sql`select pg_sleep(0.3)`);
      });
      await expect(Promise.all([first, second])).resolves.toBeDefined();
      const { weekly } = await compare(database);
      expect(weekly[0]["run|2026-11-09|voice|7"]).toBe(3);
    },
  );

  it("empties with a truncate and rebuilds from scratch", async () => {
    await addSessions(10);
    await database.db.execute(sql`select report_rollups_rebuild()`);
    await expectConsistent(database);
    await database.db.execute(sql`truncate sessions cascade`);
    const [{ n }] = rowsOf<{ n: number | string }>(
      await database.db.execute(
        sql`select (select count(*) from session_daily_stats) + (select count(*) from run_wait_histogram) as n`,
      ),
    );
    expect(Number(n)).toBe(0);
    const { weekly } = await compare(database);
    expect(weekly[0]).toEqual({});
    await addSessions(5);
    await expectConsistent(database);
  });
});

describe("percentiles over the wait histogram", () => {
  it("equal percentile_cont when each bucket holds one distinct wait", () => {
    const waits = [4.5, 10, 20, 30, 60, 90, 5, 10];
    const buckets = mergeBuckets(
      waits.map((wait) => ({ bucket: Math.round(Math.log(wait * 1000) / Math.log(1.01)), runs: 1, waitSum: wait })),
    );
    for (const p of [0, 0.5, 0.9, 1]) expect(histogramPercentile(buckets, p)).toBeCloseTo(percentileCont(waits, p)!, 9);
    expect(histogramPercentile([], 0.5)).toBeNull();
  });

  it("stay within the 1% width of a bucket on many waits", () => {
    const rng = prng(3);
    const waits = Array.from({ length: 5000 }, () => 0.5 + rng.next() * 60);
    const buckets = mergeBuckets(
      waits.map((wait) => ({ bucket: 1 + Math.floor(Math.log(wait * 1000) / Math.log(1.01)), runs: 1, waitSum: wait })),
    );
    for (const p of [0.5, 0.9]) {
      const exact = percentileCont(waits, p)!;
      expect(Math.abs(histogramPercentile(buckets, p)! - exact) / exact).toBeLessThan(0.01);
    }
  });
});
