/**
 * Lays down a large, realistic session history for the "data at scale" benchmark: sessions spread over the last
 * `days` days and every channel, their messages, AI runs (each with ~5 steps: reasoning, tool calls, text),
 * handoffs and webhook events. Everything is generated inside the database with generate_series, a chunk of
 * sessions per statement, so a million sessions take minutes, not hours of round trips.
 *
 * Seeded rows are sample rows (is_sample, conversation ids `cnv_scale_…`): Settings' "clear sample data" removes them.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/lib/db/client";
import {
  AMOUNTS,
  COMPANIES,
  FIRST_NAMES,
  LAST_NAMES,
  MONTHS,
  PLANS,
  PRODUCTS,
  WORKDAYS,
} from "@/lib/sample-data/vocabulary";

export const SCALE_CONVERSATION_PREFIX = "cnv_scale_";

export interface SeedScaleOptions {
  sessions: number;
  /** How far back sessions start (default 90 days). */
  days?: number;
  /** Sessions per transaction. */
  chunkSize?: number;
  /** Seed even when the database holds sessions that are not ours. */
  force?: boolean;
  /** Drop the secondary indexes of empty tables while loading and build them once at the end (much faster). */
  deferIndexes?: boolean;
  onProgress?: (progress: { done: number; total: number; elapsedMs: number; phase: string }) => void;
}

export interface SeedScaleSummary {
  sessions: number;
  messages: number;
  runs: number;
  steps: number;
  handoffs: number;
  webhookEvents: number;
  elapsedMs: number;
}

export class SeedRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedRefused";
  }
}

/** A text[] literal of trusted constants. */
function textArray(values: readonly string[]): SQL {
  return sql.raw(`(array[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(",")}]::text[])`);
}

/** One element of a constant list, chosen by `random()` (or by `index`, to repeat a choice in another statement). */
function pick(values: readonly string[], index?: SQL): SQL {
  const position = index ?? sql`floor(random() * ${sql.raw(String(values.length))})`;
  return sql`(${textArray(values)})[1 + (${position})::int % ${sql.raw(String(values.length))}]`;
}

/** `case` over cumulative weights of one uniform draw: [["email", 0.35], ["voice", 0.25], …]. */
function weighted(draw: SQL, choices: readonly (readonly [string | null, number])[]): SQL {
  let cumulative = 0;
  const arms = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight;
    return sql`when ${draw} < ${sql.raw(String(cumulative))} then ${value === null ? sql`null` : sql.raw(`'${value}'`)}`;
  });
  const last = choices.at(-1)![0];
  return sql`(case ${sql.join(arms, sql` `)} else ${last === null ? sql`null` : sql.raw(`'${last}'`)} end)`;
}

/** A log-normal draw around `median` (Box–Muller), for durations and waits. */
function logNormal(median: number, sigma: number): SQL {
  return sql.raw(`(${median} * exp(${sigma} * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))`);
}

const DOMAINS = [
  "gmail.com",
  "outlook.com",
  "yahoo.com",
  "icloud.com",
  "globex.com",
  "initech.io",
  "hooli.com",
  "contoso.org",
  "fabrikam.net",
  "northwind.co",
];
/** The seed's texts also ask about Saturday opening hours. */
const WEEKDAYS = [...WORKDAYS, "Saturday"];
const GREETINGS = [
  "Hi, this is",
  "Hello, my name is",
  "Hey, it's",
  "Good morning, this is",
  "Hi there, I'm",
  "Hello, this is",
];
// {p} product, {o} order number, {a} amount, {m} month, {n} plan, {w} weekday, {c} company.
const ASKS = [
  "I was charged twice for my {m} invoice of {a}, can you refund one of them?",
  "my {p} from order {o} has not arrived yet and the tracking has not moved since {w}.",
  "how do I reset my password? The link in the email has expired.",
  "I need to change the billing email on our {n} at {c}.",
  "what are your opening hours on {w}? I want to pick up my {p}.",
  "please cancel my {n} before the next renewal, we are moving away from it.",
  "the {p} from order {o} arrived damaged, one of the legs is bent.",
  "can I speak to a real person about my refund of {a}? This is the third time I ask.",
  "my card was declined when I tried to upgrade to the {n}.",
  "I ordered a {p} on {w} (order {o}) and got a {p} in the wrong colour.",
  "is there a discount for {c} if we buy ten of the {p}?",
  "the invoice for {m} shows {a} but our {n} should be cheaper.",
  "I cannot log in since {w}, it says my account is locked.",
  "where is my order {o}? I need the {p} for an office move on {w}.",
  "your courier left my {p} in the rain, the box is soaked. Order {o}.",
];
const CLOSINGS = [
  "Thanks.",
  "Thank you!",
  "Please call me back.",
  "This is urgent.",
  "Cheers,",
  "Regards,",
  "Appreciate it.",
  "",
];
const FOLLOW_UPS = [
  "Thanks, that worked.",
  "That did not help, I still need someone to look at order {o}.",
  "Can you confirm the refund of {a} went through?",
  "OK, and when will the {p} be delivered?",
  "I already tried that twice. Please get me a person.",
  "Great, thank you for the quick answer!",
];
const REPLIES = [
  "You can reset your password from the sign-in page: choose Forgot password and the link is valid for 24 hours.",
  "Our store is open Monday to Friday from 9 am to 6 pm and on Saturday from 10 am to 4 pm.",
  "I have checked your order and the courier expects to deliver it within two business days.",
  "The billing email can be changed under Settings, Billing, by an admin of your workspace.",
  "Refunds for a duplicate charge go back to the original card within five to seven business days.",
  "You can cancel your plan at any time under Settings, Plan; it stays active until the end of the period.",
  "I am sorry the item arrived damaged; please send a photo and we will ship a replacement right away.",
  "Thanks for reaching out. I have passed this to a teammate who will get back to you shortly.",
];
const SUBJECTS = [
  "Refund request",
  "Where is my order?",
  "Password reset",
  "Billing question",
  "Cancel subscription",
  "Damaged delivery",
  "Invoice {m}",
  "Account locked",
  "Upgrade to {n}",
  "Wrong item received",
];
const SUMMARIES = [
  "Customer asked about a duplicate charge; explained the refund timeline.",
  "Customer asked where their order is; shared the delivery estimate.",
  "Customer could not reset their password; sent the reset steps.",
  "Customer wants to change the billing email; explained where to do it.",
  "Customer asked for a person about a refund.",
  "Customer reported a damaged delivery and wants a replacement.",
  "Customer asked about opening hours.",
  "Customer wants to cancel their plan before renewal.",
];
const SKIP_REASONS = ["assignment", "channel_switch", "master_switch", "outbound_only"];
const MODELS = [
  "anthropic:claude-sonnet-4-5",
  "openai:gpt-4o-mini",
  "openai:gpt-4.1-mini",
  "anthropic:claude-3-5-haiku-latest",
];
const KB_TITLES = [
  "Resetting your password",
  "Opening hours",
  "Delivery times",
  "Refunds and duplicate charges",
  "Changing the billing email",
  "Cancelling a plan",
  "Damaged items",
];

/** Fills the {p} {o} … slots of a template expression with random values. */
function fill(template: SQL): SQL {
  const slots: [string, SQL][] = [
    ["{p}", pick(PRODUCTS)],
    ["{o}", sql`(10000 + floor(random() * 90000)::int)::text`],
    ["{a}", pick(AMOUNTS)],
    ["{m}", pick(MONTHS)],
    ["{n}", pick(PLANS)],
    ["{w}", pick(WEEKDAYS)],
    ["{c}", pick(COMPANIES)],
  ];
  return slots.reduce((text, [slot, value]) => sql`replace(${text}, ${sql.raw(`'${slot}'`)}, ${value})`, template);
}

/** The number of customer turns (and AI runs) of a session: none when skipped, two for about 30%. */
const TURNS = sql.raw(`(case when s.status = 'skipped' then 0 when s.ticket_number % 10 < 3 then 2 else 1 end)`);

/** Sessions created (or seeded) by someone else: the seed refuses to mix with them unless forced. */
async function countForeignSessions(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(
      sql`select count(*) as n from (select 1 from sessions where front_conversation_id not like ${SCALE_CONVERSATION_PREFIX + "%"} limit 1000) t`,
    ),
  );
  return Number(row?.n ?? 0);
}

const TABLES = ["sessions", "session_messages", "agent_runs", "agent_steps", "handoffs", "webhook_events"];

/** The secondary (non-constraint) indexes of the seeded tables, to drop before a bulk load and rebuild after. */
async function secondaryIndexes(db: Db): Promise<{ name: string; definition: string }[]> {
  return rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`
      select i.indexname as name, i.indexdef as definition
      from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in (${sql.join(
        TABLES.map((table) => sql`${table}`),
        sql`, `,
      )})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`),
  );
}

/** The triggers that keep the report rollups (migration 0006_scale_indexes_and_report_rollups). */
async function rollupTriggers(db: Db): Promise<{ name: string; table: string }[]> {
  return rowsOf<{ name: string; table: string }>(
    await db.execute(
      sql`select t.tgname as name, c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname like 'report\_rollups\_%' and not t.tgisinternal`,
    ),
  );
}

export async function seedScale(db: Db, options: SeedScaleOptions): Promise<SeedScaleSummary> {
  const started = Date.now();
  // A tag per seeding, so a second run with --force never collides on conversation, message or event ids.
  const tag = Date.now().toString(36);
  const total = options.sessions;
  const days = options.days ?? 90;
  const chunkSize = options.chunkSize ?? 50_000;
  const foreign = await countForeignSessions(db);
  if (foreign > 0 && !options.force) {
    throw new SeedRefused(
      `the database already holds ${foreign >= 1000 ? "1000+" : foreign} sessions not made by this seed; pass --force to add to them anyway`,
    );
  }
  const [{ empty }] = rowsOf<{ empty: boolean }>(
    await db.execute(sql`select not exists (select 1 from sessions) as empty`),
  );
  const deferred = options.deferIndexes && empty ? await secondaryIndexes(db) : [];
  for (const index of deferred) await db.execute(sql.raw(`drop index if exists "${index.name}"`));
  // Likewise the report rollups: recomputed once at the end instead of a trigger call per row.
  const triggers = options.deferIndexes && empty ? await rollupTriggers(db) : [];
  for (const trigger of triggers)
    await db.execute(sql.raw(`alter table "${trigger.table}" disable trigger "${trigger.name}"`));
  try {
    await insertChunks(db, {
      tag,
      total,
      days,
      chunkSize,
      report: (done, phase) => options.onProgress?.({ done, total, elapsedMs: Date.now() - started, phase }),
    });
  } finally {
    // Rebuilt even when loading failed, so an aborted seed never leaves the app without its indexes.
    // Building an index once over the loaded table is far cheaper than maintaining it row by row.
    if (deferred.length) await db.execute(sql`set maintenance_work_mem = '512MB'`);
    for (const index of deferred) {
      await db.execute(sql.raw(index.definition));
      options.onProgress?.({ done: total, total, elapsedMs: Date.now() - started, phase: `index ${index.name}` });
    }
    if (triggers.length) {
      for (const trigger of triggers)
        await db.execute(sql.raw(`alter table "${trigger.table}" enable trigger "${trigger.name}"`));
      await db.execute(sql`select report_rollups_rebuild()`);
      options.onProgress?.({ done: total, total, elapsedMs: Date.now() - started, phase: "report rollups" });
    }
  }

  // Vacuum too: it sets the visibility map, so the first benchmark sees the index-only scans a settled table gets.
  for (const table of TABLES) await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  const counts = rowsOf<Record<string, number | string>>(
    await db.execute(sql`
      select
        (select count(*) from sessions where front_conversation_id like ${SCALE_CONVERSATION_PREFIX + tag + "\\_%"}) as sessions,
        (select count(*) from session_messages m join sessions s on s.id = m.session_id where s.front_conversation_id like ${SCALE_CONVERSATION_PREFIX + tag + "\\_%"}) as messages,
        (select count(*) from agent_runs r join sessions s on s.id = r.session_id where s.front_conversation_id like ${SCALE_CONVERSATION_PREFIX + tag + "\\_%"}) as runs,
        (select count(*) from agent_steps st join agent_runs r on r.id = st.run_id join sessions s on s.id = r.session_id where s.front_conversation_id like ${SCALE_CONVERSATION_PREFIX + tag + "\\_%"}) as steps,
        (select count(*) from handoffs h join sessions s on s.id = h.session_id where s.front_conversation_id like ${SCALE_CONVERSATION_PREFIX + tag + "\\_%"}) as handoffs,
        (select count(*) from webhook_events where front_conversation_id like ${SCALE_CONVERSATION_PREFIX + tag + "\\_%"}) as webhook_events`),
  )[0];
  return {
    sessions: Number(counts.sessions),
    messages: Number(counts.messages),
    runs: Number(counts.runs),
    steps: Number(counts.steps),
    handoffs: Number(counts.handoffs),
    webhookEvents: Number(counts.webhook_events),
    elapsedMs: Date.now() - started,
  };
}

async function insertChunks(
  db: Db,
  load: { tag: string; total: number; days: number; chunkSize: number; report: (done: number, phase: string) => void },
) {
  for (let low = 0; low < load.total; low += load.chunkSize) {
    const high = Math.min(load.total, low + load.chunkSize);
    await db.transaction(async (tx) => {
      const chunk = tx as unknown as Db;
      // Children are generated from the sessions this chunk inserted: ticket numbers only grow.
      const [{ before }] = rowsOf<{ before: number | string }>(
        await chunk.execute(sql`select coalesce(max(ticket_number), 0) as before from sessions`),
      );
      await insertSessions(chunk, { tag: load.tag, low, high, total: load.total, days: load.days });
      const ours = sql.raw(`s.ticket_number > ${Number(before)}`);
      await insertMessages(chunk, ours);
      await insertEvents(chunk, ours);
      await insertRuns(chunk, ours);
      await insertSteps(chunk, ours);
      await insertHandoffs(chunk, ours);
    });
    load.report(high, "rows");
  }
}

async function insertSessions(db: Db, chunk: { tag: string; low: number; high: number; total: number; days: number }) {
  // Contacts repeat: a pool of a quarter as many contacts as sessions, drawn with a skew so some write often.
  const contacts = Math.max(50, Math.round(chunk.high / 4));
  const name = sql`${textArray(FIRST_NAMES)}[1 + g.contact % ${sql.raw(String(FIRST_NAMES.length))}] || ' ' || ${textArray(LAST_NAMES)}[1 + (g.contact / ${sql.raw(String(FIRST_NAMES.length))}) % ${sql.raw(String(LAST_NAMES.length))}]`;
  const email = sql`lower(${textArray(FIRST_NAMES)}[1 + g.contact % ${sql.raw(String(FIRST_NAMES.length))}] || '.' || ${textArray(LAST_NAMES)}[1 + (g.contact / ${sql.raw(String(FIRST_NAMES.length))}) % ${sql.raw(String(LAST_NAMES.length))}]) || g.contact || '@' || ${textArray(DOMAINS)}[1 + g.contact % ${sql.raw(String(DOMAINS.length))}]`;
  // A North American number per contact: +1, then 10 digits starting 2–9.
  const phone = sql`'+1' || (2000000000 + (g.contact::bigint * 104729) % 7999999999)::text`;
  const ask = fill(
    sql`${pick(GREETINGS)} || ' ' || ${textArray(FIRST_NAMES)}[1 + g.contact % ${sql.raw(String(FIRST_NAMES.length))}] || ', ' || ${pick(ASKS)} || ' ' || ${pick(CLOSINGS)}`,
  );
  await db.execute(sql`
    insert into sessions (front_conversation_id, channel, status, subject, contact_handle, contact_name, contact_key, sentiment, summary,
      handoff_reason, status_reason, flag, preview, created_at, updated_at, last_activity_at, resolved_at, is_sample,
      ai_outcome, ai_outcome_at, human_replied_at, reopened_at)
    select
      ${SCALE_CONVERSATION_PREFIX + chunk.tag + "_"} || g.i,
      g.channel, g.status,
      case when g.channel = 'email' then ${fill(pick(SUBJECTS))} end,
      case when g.channel in ('email', 'web') then ${email} else ${phone} end,
      ${name},
      case when g.channel in ('email', 'web') then ${email} else ${phone} end,
      case when g.status in ('skipped', 'ai_answering') then null
        when g.status = 'handed_off' then ${weighted(sql`g.r1`, [
          ["angry", 0.2],
          ["frustrated", 0.35],
          ["neutral", 0.35],
          ["positive", 0.1],
        ])}
        else ${weighted(sql`g.r1`, [
          ["angry", 0.03],
          ["frustrated", 0.1],
          ["neutral", 0.5],
          ["positive", 0.37],
        ])} end,
      case when g.status in ('answered', 'resolved', 'handed_off') then ${pick(SUMMARIES)} end,
      case when g.status = 'handed_off' then ${weighted(sql`g.r2`, [
        ["user_requested_human_assistance", 0.35],
        ["insufficient_knowledge", 0.25],
        ["insufficient_tools", 0.1],
        ["prohibited_topic", 0.05],
        ["instructions_not_clear", 0.08],
        ["based_on_instructions", 0.1],
        ["error", 0.07],
      ])} end,
      case when g.status = 'skipped' then ${pick(SKIP_REASONS)} when g.status = 'failed' then 'the model timed out' end,
      case when g.status = 'handed_off' and g.r3 < 0.02 then 'handoff_incomplete' when g.status = 'answered' and g.r3 < 0.01 then 'reply_not_delivered' end,
      left(${ask}, 200),
      g.created_at, g.last_activity_at, g.last_activity_at,
      case when g.status = 'resolved' then g.last_activity_at end,
      true,
      -- The AI's outcome (an answer Front could not send is a failure), and people's follow-up after it: a teammate
      -- replies to most handoffs and to a few answers, and a few answered conversations are reopened.
      case when g.status = 'answered' and g.r3 < 0.01 then 'failed'
        when g.status in ('answered', 'resolved') then 'answered'
        when g.status in ('handed_off', 'failed', 'skipped') then g.status end,
      case when g.status <> 'ai_answering' then g.created_at + interval '4 seconds' end,
      case when (g.status = 'handed_off' and g.r1 < 0.85) or (g.status in ('answered', 'resolved') and g.r2 < 0.12)
        then least(now(), g.created_at + interval '4 seconds' + ${logNormal(40 * 60, 1.3)} * interval '1 second') end,
      case when g.status in ('answered', 'resolved') and g.r2 > 0.95
        then least(now(), g.created_at + interval '4 seconds' + ${logNormal(20 * 3600, 1.0)} * interval '1 second') end
    from (
      select i, contact, created_at, r1, r2, r3, channel,
        -- In progress only when recent; an old session still "answering" would be a stuck one.
        case when status = 'ai_answering' and created_at < now() - interval '1 hour' then 'answered' else status end as status,
        least(now(), created_at + ${logNormal(20 * 60, 1.2)} * interval '1 second') as last_activity_at
      from (
        select i, contact, created_at, r1, r2, r3,
          ${weighted(sql`rc`, [
            ["email", 0.35],
            ["voice", 0.25],
            ["sms", 0.15],
            ["whatsapp", 0.1],
            ["web", 0.15],
          ])} as channel,
          ${weighted(sql`rs`, [
            ["answered", 0.38],
            ["resolved", 0.22],
            ["handed_off", 0.22],
            ["skipped", 0.1],
            ["failed", 0.03],
            ["ai_answering", 0.05],
          ])} as status
        from (
          -- Each draw once per row: a case over random() would draw again for every arm.
          select i,
            floor(power(random(), 1.6) * ${contacts})::int as contact,
            -- In time order, as a live table fills: session i starts at its share of the period, give or take.
            now() - (1 - (i + random()) / ${chunk.total}) * ${chunk.days} * interval '1 day' as created_at,
            random() as rc, random() as rs, random() as r1, random() as r2, random() as r3
          from generate_series(${chunk.low}::int, ${chunk.high - 1}::int) as i
        ) draws
      ) raw
    ) g`);
}

/** When turn `t` of session `s` began: the first at creation, the second halfway to its last activity. */
const TURN_AT = sql.raw(`(s.created_at + (t.turn - 1) * (s.last_activity_at - s.created_at) / 2)`);
/** The wait from a customer's message to the AI's answer reaching Front (seconds), fixed per session and turn. */
const WAIT = sql.raw(
  `(interval '1 millisecond' * (1500 + (hashint4(s.ticket_number * 7 + t.turn) & 65535) % 4000 * (1 + (s.ticket_number % 5 = 0)::int * 6)))`,
);
/** Whether this turn's run ends the AI's part without an answer (failed, or still running). */
const LAST_TURN = sql`(t.turn = ${TURNS})`;

async function insertMessages(db: Db, ours: SQL) {
  const messageType = sql.raw(
    `(case s.channel when 'voice' then 'call' when 'email' then 'email' when 'sms' then 'sms' when 'whatsapp' then 'whatsapp' else 'custom' end)`,
  );
  await db.execute(sql`
    insert into session_messages (session_id, front_message_id, direction, author_type, author_name, message_type, subject, text, sent_at, recorded_at)
    select s.id, 'msg_' || substr(s.front_conversation_id, 5) || '_' || t.turn || m.who,
      case m.who when 'c' then 'inbound' else 'outbound' end,
      case m.who when 'c' then 'customer' else 'ai' end,
      case m.who when 'c' then s.contact_name else 'Frontline' end,
      ${messageType}, s.subject,
      case when m.who = 'a' then ${textArray(REPLIES)}[1 + (s.ticket_number + t.turn) % ${sql.raw(String(REPLIES.length))}]
        when t.turn = 1 then s.preview
        else ${fill(pick(FOLLOW_UPS))} end,
      ${TURN_AT} + case m.who when 'a' then ${WAIT} else interval '0' end,
      ${TURN_AT} + case m.who when 'a' then ${WAIT} else interval '0' end
    from sessions s
    cross join lateral generate_series(1, greatest(${TURNS}, 1)) as t(turn)
    cross join (values ('c'), ('a')) as m(who)
    where ${ours}
      and (m.who = 'c' or (${TURNS} > 0 and not (${LAST_TURN} and s.status in ('failed', 'ai_answering'))))`);
}

async function insertEvents(db: Db, ours: SQL) {
  await db.execute(sql`
    insert into webhook_events (front_event_id, kind, envelope_type, event_type, front_conversation_id, headers, body, signature_result, decision,
      decision_reason, session_id, received_at, processed_at, processing_ms)
    select 'evt_' || substr(s.front_conversation_id, 5) || '_' || t.turn, 'application', 'inbound_received', 'inbound', s.front_conversation_id,
      '{"content-type": "application/json"}'::jsonb,
      jsonb_build_object('type', 'inbound_received', 'payload', jsonb_build_object('conversation', jsonb_build_object('id', s.front_conversation_id),
        'target', jsonb_build_object('data', jsonb_build_object('id', 'msg_' || substr(s.front_conversation_id, 5) || '_' || t.turn || 'c', 'type', s.channel)))),
      'valid', case when s.status = 'skipped' then 'skipped' else 'processed' end,
      case when s.status = 'skipped' then s.status_reason end,
      s.id, ${TURN_AT}, ${TURN_AT} + interval '30 milliseconds', 12 + s.ticket_number % 40
    from sessions s
    cross join lateral generate_series(1, greatest(${TURNS}, 1)) as t(turn)
    where ${ours}`);
}

async function insertRuns(db: Db, ours: SQL) {
  const failed = sql`(${LAST_TURN} and s.status = 'failed')`;
  const running = sql`(${LAST_TURN} and s.status = 'ai_answering')`;
  const handoff = sql`(${LAST_TURN} and s.status = 'handed_off')`;
  const undelivered = sql`(${LAST_TURN} and s.flag = 'reply_not_delivered')`;
  await db.execute(sql`
    insert into agent_runs (session_id, trigger_message_id, webhook_event_id, model, status, outcome, reply_text, delivery_status, front_message_uid,
      error, input_tokens, output_tokens, cost_usd, received_at, started_at, finished_at, delivered_at)
    select x.session_id, x.trigger_message_id, e.id, x.model, x.status, x.outcome, x.reply_text, x.delivery_status, x.front_message_uid,
      x.error, x.input_tokens, x.output_tokens,
      -- DEFAULT_PRICES (lib/agent/pricing.ts) per million tokens.
      case x.model
        when 'anthropic:claude-sonnet-4-5' then (x.input_tokens * 3 + x.output_tokens * 15) / 1e6
        when 'openai:gpt-4o-mini' then (x.input_tokens * 0.15 + x.output_tokens * 0.6) / 1e6
        when 'openai:gpt-4.1-mini' then (x.input_tokens * 0.4 + x.output_tokens * 1.6) / 1e6
        else (x.input_tokens * 0.8 + x.output_tokens * 4) / 1e6 end,
      x.received_at, x.received_at + interval '40 milliseconds',
      case when x.status <> 'running' then x.received_at + x.wait - interval '300 milliseconds' end,
      case when x.delivery_status = 'delivered' then x.received_at + x.wait end
    from (
      select s.id as session_id,
        'msg_' || substr(s.front_conversation_id, 5) || '_' || t.turn || 'c' as trigger_message_id,
        'evt_' || substr(s.front_conversation_id, 5) || '_' || t.turn as front_event_id,
        ${textArray(MODELS)}[1 + s.ticket_number % 7 % ${sql.raw(String(MODELS.length))}] as model,
        case when ${failed} then 'failed' when ${running} then 'running' else 'completed' end as status,
        case when ${failed} or ${running} then null when ${handoff} then 'handoff' else 'reply' end as outcome,
        case when not (${failed} or ${running} or ${handoff}) then ${textArray(REPLIES)}[1 + (s.ticket_number + t.turn) % ${sql.raw(String(REPLIES.length))}] end as reply_text,
        case when ${failed} or ${running} then null when ${undelivered} then 'failed' else 'delivered' end as delivery_status,
        case when not (${failed} or ${running}) then 'uid_' || md5(s.front_conversation_id || t.turn) end as front_message_uid,
        case when ${failed} then 'The model did not answer within 60 seconds.' end as error,
        (1800 + random() * 2500)::int as input_tokens, (120 + random() * 400)::int as output_tokens,
        ${TURN_AT} as received_at, ${WAIT} as wait
      from sessions s
      cross join lateral generate_series(1, ${TURNS}) as t(turn)
      where ${ours}
    ) x
    left join webhook_events e on e.front_event_id = x.front_event_id`);
}

async function insertSteps(db: Db, ours: SQL) {
  // Per run: reasoning, a knowledge-base search, sometimes a contact lookup, then the answer (text) or the handoff
  // tool call; a failed run ends with an error step. About five steps a run.
  await db.execute(sql`
    insert into agent_steps (run_id, position, kind, tool_name, tool_call_id, text, input, output, error, started_at, duration_ms, input_tokens, output_tokens, cost_usd)
    select r.id, p.position - 1, p.kind, p.tool_name,
      case when p.kind = 'tool_call' then 'call_' || substr(md5(r.id::text || p.position), 1, 24) end,
      p.text, p.input, p.output, p.error,
      r.started_at + (p.position - 1) * interval '700 milliseconds', p.duration_ms,
      case when p.kind <> 'tool_call' then r.input_tokens / 2 else 0 end,
      case when p.kind <> 'tool_call' then r.output_tokens / 2 else 0 end,
      case when p.kind <> 'tool_call' then r.cost_usd / 2 end
    from agent_runs r
    join sessions s on s.id = r.session_id
    cross join lateral (
      select row_number() over (order by step.ord) as position, step.*
      from (values
        (1, 'reasoning', null, 'The customer writes about ' || coalesce(s.summary, 'their account') || ' Search the knowledge base first.', null::jsonb, null::jsonb, null, 900 + s.ticket_number % 700, true),
        (2, 'tool_call', 'search_knowledge_base', null, jsonb_build_object('query', left(s.preview, 60)),
          jsonb_build_object('results', jsonb_build_array(jsonb_build_object('title', ${textArray(KB_TITLES)}[1 + s.ticket_number % ${sql.raw(String(KB_TITLES.length))}], 'score', round((0.4 + (s.ticket_number % 50) / 100.0)::numeric, 2)))),
          null, 40 + s.ticket_number % 200, true),
        (3, 'tool_call', 'lookup_contact', null, jsonb_build_object('handle', s.contact_handle), jsonb_build_object('name', s.contact_name, 'previousSessions', s.ticket_number % 6), null, 2, s.ticket_number % 2 = 0),
        (4, 'reasoning', null, 'The article covers it; answer briefly and offer a teammate if needed.', null, null, null, 600, r.outcome is not null),
        (5, 'text', null, r.reply_text, null, null, null, 1100, r.outcome = 'reply'),
        (6, 'tool_call', 'handoff_to_human', null, jsonb_build_object('reason', s.handoff_reason, 'sentiment', s.sentiment, 'summary', s.summary), jsonb_build_object('ok', true), null, 3, r.outcome = 'handoff'),
        (7, 'text', null, 'The run failed; handing off to a person.', null, null, r.error, 0, r.status = 'failed')
      ) as step(ord, kind, tool_name, text, input, output, error, duration_ms, present)
      where step.present
    ) p
    where ${ours}`);
}

async function insertHandoffs(db: Db, ours: SQL) {
  await db.execute(sql`
    insert into handoffs (session_id, run_id, reason, summary, sentiment, comment_body, front_comment_id, comment_posted_at, unassigned_at, error, created_at)
    select s.id, r.id, s.handoff_reason, coalesce(s.summary, 'Needs a person.'), coalesce(s.sentiment, 'neutral'),
      'Frontline handed this conversation to a person: ' || coalesce(s.summary, ''), 'com_' || substr(md5(r.id::text), 1, 12),
      r.delivered_at, case when s.flag = 'handoff_incomplete' then null else r.delivered_at end,
      case when s.flag = 'handoff_incomplete' then 'Front answered 403 to the unassign' end,
      coalesce(r.finished_at, r.received_at)
    from agent_runs r
    join sessions s on s.id = r.session_id
    where ${ours} and r.outcome = 'handoff'`);
}
