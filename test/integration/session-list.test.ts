import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { normalizeHandle } from "@/lib/channels";
import { rowsOf, type Database } from "@/lib/db/client";
import {
  NO_FILTERS,
  parseSessionFilters,
  parseSessionSearch,
  sessionFilterParams,
  type SessionFilters,
} from "@/lib/inbox/session-filters";
import type { AttentionFlag, Channel, HandoffReason, Sentiment, SessionStatus } from "@/lib/domain";
import {
  listSessions,
  searchProbes,
  sessionListConditions,
  sessionListQuery,
  type SessionListCursor,
} from "@/lib/db/queries/sessions";
import { sessionMessages, sessions } from "@/lib/db/schema";
import { createTestDatabase, dbKinds } from "../helpers/db";

// The Inbox list: every filter, their combinations, the search forms, the saved views, and keyset pages that never
// repeat or skip a row. Expected rows come from an oracle over the fixtures below, written independently of the SQL.

interface Fixture {
  key: string;
  channel: Channel;
  status: SessionStatus;
  sentiment?: Sentiment | null;
  reason?: HandoffReason | null;
  flag?: AttentionFlag | null;
  handle?: string | null;
  name?: string | null;
  conversationId?: string;
  isSample?: boolean;
  /** ISO UTC with microseconds, so ties and sub-millisecond order can be written down. */
  createdAt: string;
  lastActivityAt: string;
  messages?: string[];
}

const NAMED: Fixture[] = [
  {
    key: "charged",
    channel: "voice",
    status: "handed_off",
    sentiment: "angry",
    reason: "user_requested_human_assistance",
    handle: "+14155550123",
    conversationId: "cnv_charged01",
    createdAt: "2026-03-01T09:00:00.000000Z",
    lastActivityAt: "2026-03-01T09:05:00.000000Z",
    messages: [
      "Call transcript\nCustomer: I was charged twice for my March invoice and I want a real person.",
      "Handing you to a teammate now.",
    ],
  },
  {
    key: "furious",
    channel: "voice",
    status: "handed_off",
    sentiment: "frustrated",
    reason: "insufficient_knowledge",
    flag: "handoff_incomplete",
    handle: "+14155550161",
    createdAt: "2026-03-02T10:00:00.000000Z",
    lastActivityAt: "2026-03-02T10:10:00.000000Z",
    messages: ["Third delivery of the same broken chair. Worst service ever."],
  },
  {
    key: "voicemail",
    channel: "voice",
    status: "answered",
    sentiment: "neutral",
    handle: "+14155550188",
    name: "Sam Patel",
    createdAt: "2026-03-03T08:00:00.000000Z",
    lastActivityAt: "2026-03-03T08:01:00.000000Z",
    messages: ["Voicemail transcript\nThis is Sam Patel. How do I reset my password? The reset email never arrives."],
  },
  {
    key: "billing",
    channel: "email",
    status: "answered",
    sentiment: "positive",
    handle: "maria.gomez@customer.example",
    name: "Maria Gomez",
    createdAt: "2026-03-04T12:00:00.000000Z",
    lastActivityAt: "2026-03-04T12:30:00.000000Z",
    messages: ["Can I change the billing email on our account? 100% of invoices go to the wrong_person."],
  },
  {
    key: "cancel",
    channel: "email",
    status: "failed",
    sentiment: "frustrated",
    handle: "lee.chen@customer.example",
    name: "Lee Chen",
    // The last instant of March 5th: inside to=2026-03-05.
    createdAt: "2026-03-05T23:59:59.999999Z",
    lastActivityAt: "2026-03-06T00:00:30.000000Z",
    messages: ["My card expired. Cancel the subscription at the end of the month."],
  },
  {
    key: "saturday",
    channel: "sms",
    status: "answered",
    sentiment: "neutral",
    flag: "reply_not_delivered",
    handle: "+14155550142",
    // The first instant of March 6th: inside from=2026-03-06, outside to=2026-03-05.
    createdAt: "2026-03-06T00:00:00.000000Z",
    lastActivityAt: "2026-03-06T00:02:00.000000Z",
    messages: ["hi are you guys open SATURDAY? what are your hours"],
  },
  {
    key: "whatsapp",
    channel: "whatsapp",
    status: "skipped",
    handle: "+44 20 7946 0958",
    name: "Dana's bulk customer",
    createdAt: "2026-03-07T15:00:00.000000Z",
    lastActivityAt: "2026-03-07T15:00:00.000000Z",
    messages: ["Quote for 40 chairs, order 4411 please"],
  },
  {
    key: "web",
    channel: "web",
    status: "resolved",
    sentiment: "positive",
    reason: "based_on_instructions",
    handle: "visitor-77",
    createdAt: "2026-03-08T11:00:00.000000Z",
    lastActivityAt: "2026-03-09T11:00:00.000000Z",
    messages: ["What is your refund policy for order 4411?"],
  },
  {
    key: "answering",
    channel: "email",
    status: "ai_answering",
    handle: "new.customer@customer.example",
    createdAt: "2026-03-09T16:00:00.000000Z",
    lastActivityAt: "2026-03-09T16:00:01.000000Z",
    messages: ["Do you ship to Canada?"],
  },
  {
    key: "sample",
    channel: "voice",
    status: "handed_off",
    sentiment: "angry",
    reason: "error",
    handle: "+1 (212) 555-0199",
    name: "Sample Caller",
    isSample: true,
    createdAt: "2026-02-20T10:00:00.000000Z",
    lastActivityAt: "2026-03-09T17:00:00.000000Z",
    messages: ["Demo history: charged twice again"],
  },
];

// Pagination material: 24 sessions sharing one last activity, and 6 inside one millisecond, microseconds apart.
const TIED_AT = "2026-02-15T12:00:00.000000Z";
const BULK: Fixture[] = [
  ...Array.from({ length: 24 }, (_, index): Fixture => ({
    key: `tied-${index}`,
    channel: (["voice", "email", "sms"] as const)[index % 3]!,
    status: (["answered", "handed_off", "resolved", "failed"] as const)[index % 4]!,
    sentiment: ([null, "angry", "neutral", "frustrated", "positive"] as const)[index % 5]!,
    reason: index % 4 === 1 ? "insufficient_tools" : null,
    handle: `+1646555${String(3000 + index)}`,
    createdAt: `2026-02-${String(1 + (index % 14)).padStart(2, "0")}T06:00:00.000000Z`,
    lastActivityAt: TIED_AT,
    messages: [`Bulk question number ${index} about shipping`],
  })),
  ...Array.from({ length: 6 }, (_, index): Fixture => ({
    key: `micro-${index}`,
    channel: index % 2 ? "voice" : "web",
    status: index % 2 ? "handed_off" : "answered",
    sentiment: "neutral",
    handle: `+1718555${String(2000 + index)}`,
    createdAt: "2026-02-10T07:00:00.000000Z",
    lastActivityAt: `2026-02-10T07:30:00.123${String(100 + index * 150).padStart(3, "0")}Z`,
    messages: ["Microsecond shipping question"],
  })),
];

const FIXTURES = [...NAMED, ...BULK];

interface Inserted extends Fixture {
  id: string;
  ticketNumber: number;
}

/** The Inbox order, written independently: last activity (microsecond strings sort as time), then id, newest first. */
function inboxOrder(a: Inserted, b: Inserted): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Which fixtures the filters (without q) must return. */
function oracle(rows: Inserted[], filters: SessionFilters): Inserted[] {
  const day = (iso: string) => iso.slice(0, 10);
  return rows
    .filter((row) => {
      if (filters.view === "handed_off" && row.status !== "handed_off") return false;
      if (filters.view === "negative" && row.sentiment !== "angry" && row.sentiment !== "frustrated") return false;
      if (filters.view === "voice" && row.channel !== "voice") return false;
      if (filters.view === "needs_attention" && row.status !== "failed" && !row.flag) return false;
      if (filters.channel.length && !filters.channel.includes(row.channel as never)) return false;
      if (filters.status.length && !filters.status.includes(row.status as never)) return false;
      if (filters.sentiment.length && !filters.sentiment.includes(row.sentiment as never)) return false;
      if (filters.reason.length && !filters.reason.includes(row.reason as never)) return false;
      if (filters.from && day(row.createdAt) < filters.from) return false;
      if (filters.to && day(row.createdAt) > filters.to) return false;
      return true;
    })
    .sort(inboxOrder);
}

function filtersFrom(query: string): SessionFilters {
  const { filters, issues } = parseSessionFilters(new URLSearchParams(query));
  expect(issues).toEqual([]);
  return filters;
}

describe("the Inbox URL contract", () => {
  it("reads lists comma-separated or repeated, ignores blanks and repeats, and writes them back canonically", () => {
    const filters = filtersFrom(
      "channel=voice,sms&channel=voice&status=handed_off&sentiment=angry,%20frustrated,&reason=error&outcome=answered,failed&result=ai_resolved&window=168&from=2026-03-01&to=2026-03-07&q=%20refund%20&view=negative",
    );
    expect(filters).toEqual({
      view: "negative",
      channel: ["voice", "sms"],
      status: ["handed_off"],
      sentiment: ["angry", "frustrated"],
      reason: ["error"],
      outcome: ["answered", "failed"],
      result: "ai_resolved",
      window: 168,
      from: "2026-03-01",
      to: "2026-03-07",
      q: "refund",
    });
    expect(sessionFilterParams(filters).toString()).toBe(
      "view=negative&channel=voice%2Csms&status=handed_off&sentiment=angry%2Cfrustrated&reason=error&outcome=answered%2Cfailed&result=ai_resolved&window=168&from=2026-03-01&to=2026-03-07&q=refund",
    );
    expect(filtersFrom("")).toEqual(NO_FILTERS);
    expect(sessionFilterParams(NO_FILTERS).toString()).toBe("");
    expect(filtersFrom("view=all").view).toBe("all");
  });

  it("names what it does not understand and keeps the rest", () => {
    const { filters, issues } = parseSessionFilters(
      new URLSearchParams(
        `status=handed_off,bogus&channel=fax&from=2026-02-30&to=yesterday&view=mine&q=${"x".repeat(201)}`,
      ),
    );
    expect(issues).toEqual([
      'channel: unknown value "fax"',
      'status: unknown value "bogus"',
      'from: "2026-02-30" is not a date written YYYY-MM-DD',
      'to: "yesterday" is not a date written YYYY-MM-DD',
      'view: unknown view "mine"',
      "q: longer than 200 characters",
    ]);
    expect(filters).toMatchObject({ status: ["handed_off"], channel: [], from: null, to: null, view: "all" });
  });

  it("refuses an unknown AI outcome or result, and a window that is not a number of hours", () => {
    const { filters, issues } = parseSessionFilters(
      new URLSearchParams("outcome=answered,resolved&result=happy&window=0"),
    );
    expect(issues).toEqual([
      'outcome: unknown value "resolved"',
      'result: unknown value "happy"',
      'window: "0" is not a number of hours from 1 to 2160',
    ]);
    expect(filters).toMatchObject({ outcome: ["answered"], result: null, window: null });
    expect(parseSessionFilters(new URLSearchParams("window=2161")).issues).toHaveLength(1);
    expect(parseSessionFilters(new URLSearchParams("window=1.5")).issues).toHaveLength(1);
  });

  it("reads each form of search", () => {
    expect(parseSessionSearch("#1042")).toMatchObject({
      ticketNumber: 1042,
      contactText: null,
      messageText: null,
      contactKey: null,
    });
    expect(parseSessionSearch("# 1042")).toMatchObject({ ticketNumber: 1042, messageText: null });
    expect(parseSessionSearch("1042")).toMatchObject({ ticketNumber: 1042, phoneDigits: "1042", messageText: "1042" });
    expect(parseSessionSearch("+1 (415) 555-0123")).toMatchObject({
      ticketNumber: null,
      contactKey: "+14155550123",
      phoneDigits: null,
      contactText: null,
    });
    expect(parseSessionSearch("555-0123")).toMatchObject({
      contactKey: "+5550123",
      phoneDigits: "5550123",
      contactText: null,
      messageText: "555-0123",
    });
    expect(parseSessionSearch("020 7946 0958")).toMatchObject({ phoneDigits: "2079460958" });
    expect(parseSessionSearch("(415) 555-0123")).toMatchObject({ contactKey: "+14155550123" });
    expect(parseSessionSearch("Maria.Gomez@Customer.Example")).toMatchObject({
      contactKey: "maria.gomez@customer.example",
      phoneDigits: null,
      contactText: null,
    });
    expect(parseSessionSearch("Maria")).toMatchObject({
      contactKey: "maria",
      contactText: "Maria",
      messageText: "Maria",
      phoneDigits: null,
    });
    expect(parseSessionSearch("cnv_abc_12")).toMatchObject({
      conversationId: "cnv_abc_12",
      contactText: null,
      messageText: null,
    });
    expect(parseSessionSearch("https://app.frontapp.com/open/cnv_abc12?x=1")).toMatchObject({
      conversationId: "cnv_abc12",
    });
    expect(parseSessionSearch("about cnv_abc12")).toMatchObject({
      conversationId: null,
      messageText: "about cnv_abc12",
    });
    expect(parseSessionSearch("Al")).toMatchObject({ contactKey: "al", contactText: null, messageText: "Al" });
    expect(parseSessionSearch("   ")).toBeNull();
    expect(parseSessionSearch("%")).toMatchObject({ contactText: null, messageText: null });
    expect(parseSessionSearch("%_%")).toMatchObject({ contactText: "%_%", messageText: null });
  });
});

describe.each(dbKinds())("the Inbox list on %s", (kind) => {
  let database: Database;
  let rows: Inserted[];
  const byKey = (key: string) => rows.find((row) => row.key === key)!;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    rows = [];
    for (const fixture of FIXTURES) {
      const [row] = await db
        .insert(sessions)
        .values({
          frontConversationId: fixture.conversationId ?? `cnv_${fixture.key.replace(/\W/g, "")}`,
          channel: fixture.channel,
          status: fixture.status,
          sentiment: fixture.sentiment ?? null,
          handoffReason: fixture.reason ?? null,
          flag: fixture.flag ?? null,
          contactHandle: fixture.handle ?? null,
          contactName: fixture.name ?? null,
          contactKey: fixture.handle ? normalizeHandle(fixture.handle) : null,
          summary: fixture.messages?.[0].split("\n").at(-1) ?? null,
          isSample: fixture.isSample ?? false,
          createdAt: sql`${fixture.createdAt}::timestamptz`,
          updatedAt: sql`${fixture.lastActivityAt}::timestamptz`,
          lastActivityAt: sql`${fixture.lastActivityAt}::timestamptz`,
        })
        .returning({ id: sessions.id, ticketNumber: sessions.ticketNumber });
      rows.push({ ...fixture, ...row });
      for (const [index, text] of (fixture.messages ?? []).entries()) {
        await db.insert(sessionMessages).values({
          sessionId: row.id,
          frontMessageId: `msg_${fixture.key.replace(/\W/g, "")}_${index}`,
          direction: index === 0 ? "inbound" : "outbound",
          authorType: index === 0 ? "customer" : "ai",
          messageType: fixture.channel === "voice" ? "call" : fixture.channel,
          text,
          sentAt: sql`${fixture.createdAt}::timestamptz`,
        });
      }
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  /** Every page, in order, as fixture keys; asserts the pages never repeat a row. */
  async function walk(filters: SessionFilters, limit = 100, searchCandidateLimit?: number): Promise<string[]> {
    const keys: string[] = [];
    let cursor: SessionListCursor | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const page = await listSessions(database.db, { limit, cursor, filters, searchCandidateLimit });
      expect(page.sessions.length).toBeLessThanOrEqual(limit);
      keys.push(
        ...page.sessions.map((session) => rows.find((row) => row.id === session.id)?.key ?? `unknown ${session.id}`),
      );
      if (!page.nextCursor) break;
      expect(page.sessions).toHaveLength(limit);
      cursor = page.nextCursor;
    }
    expect(new Set(keys).size).toBe(keys.length);
    return keys;
  }

  async function expectOracle(query: string) {
    const filters = filtersFrom(query);
    const expected = oracle(rows, filters).map((row) => row.key);
    expect(await walk(filters), query).toEqual(expected);
    return expected;
  }

  /** A search's rows; checked to be the same whether the matches are taken as candidates or walked row by row. */
  async function search(q: string, extra = ""): Promise<string[]> {
    const filters = filtersFrom(`q=${encodeURIComponent(q)}${extra ? `&${extra}` : ""}`);
    const candidates = await walk(filters);
    expect(await walk(filters, 100, 0), `${q} walked`).toEqual(candidates);
    expect(await walk(filters, 3, 0), `${q} walked by 3`).toEqual(candidates);
    return candidates;
  }

  it("lists everything newest activity first, with the row's fields", async () => {
    const expected = await expectOracle("");
    expect(expected).toHaveLength(FIXTURES.length);
    const page = await listSessions(database.db, { limit: 3, filters: NO_FILTERS });
    expect(page.sessions.map((session) => session.id)).toEqual([
      byKey("sample").id,
      byKey("answering").id,
      byKey("web").id,
    ]);
    expect(page.sessions[0]).toMatchObject({
      ticketNumber: byKey("sample").ticketNumber,
      channel: "voice",
      status: "handed_off",
      sentiment: "angry",
      handoffReason: "error",
      isSample: true,
      contactName: "Sample Caller",
      summary: "Demo history: charged twice again",
    });
    expect(page.sessions[1]).toMatchObject({ isSample: false, flag: null });
    expect(page.sessions[0]).not.toHaveProperty("cursorAt");
    expect(page.nextCursor?.lastActivityAt).toBe("2026-03-09T11:00:00.000000Z");
  });

  it("filters by each channel, status, sentiment and handoff reason", async () => {
    for (const channel of ["voice", "email", "sms", "whatsapp", "web"])
      expect((await expectOracle(`channel=${channel}`)).length).toBeGreaterThan(0);
    for (const status of ["ai_answering", "answered", "handed_off", "resolved", "skipped", "failed"])
      expect((await expectOracle(`status=${status}`)).length).toBeGreaterThan(0);
    for (const sentiment of ["angry", "frustrated", "neutral", "positive"])
      expect((await expectOracle(`sentiment=${sentiment}`)).length).toBeGreaterThan(0);
    for (const reason of [
      "user_requested_human_assistance",
      "insufficient_knowledge",
      "insufficient_tools",
      "based_on_instructions",
      "error",
    ]) {
      expect((await expectOracle(`reason=${reason}`)).length).toBeGreaterThan(0);
    }
    expect(await expectOracle("reason=prohibited_topic")).toEqual([]);
    expect(await expectOracle("channel=whatsapp")).toEqual(["whatsapp"]);
    expect(await expectOracle("status=ai_answering")).toEqual(["answering"]);
  });

  it("takes several values of a filter, comma-separated or repeated", async () => {
    const comma = await expectOracle("channel=sms,whatsapp");
    expect(comma).toEqual([
      "whatsapp",
      "saturday",
      ...oracle(rows, filtersFrom("channel=sms"))
        .map((row) => row.key)
        .filter((key) => key.startsWith("tied")),
    ]);
    expect(await walk(filtersFrom("channel=sms&channel=whatsapp"))).toEqual(comma);
    await expectOracle("status=failed,skipped");
    await expectOracle("sentiment=angry,frustrated&reason=user_requested_human_assistance,insufficient_knowledge");
  });

  it("takes from and to as inclusive UTC days of when the session started", async () => {
    expect(await expectOracle("from=2026-03-06")).toEqual(["answering", "web", "whatsapp", "saturday"]);
    expect(await expectOracle("to=2026-03-05&from=2026-03-05")).toEqual(["cancel"]);
    expect(await expectOracle("from=2026-03-06&to=2026-03-06")).toEqual(["saturday"]);
    // Sample: started 2026-02-20, active 2026-03-09 — it belongs to the day it started.
    expect(await expectOracle("from=2026-02-20&to=2026-02-20")).toEqual(["sample"]);
    await expectOracle("from=2026-02-03&to=2026-02-10");
    expect(await expectOracle("from=2026-03-08&to=2026-03-01")).toEqual([]);
  });

  it("combines filters with AND", async () => {
    expect(await expectOracle("channel=voice&status=handed_off&from=2026-03-01")).toEqual(["furious", "charged"]);
    expect(await expectOracle("channel=voice&sentiment=angry&to=2026-03-31")).toEqual(
      expect.arrayContaining(["sample", "charged"]),
    );
    expect(await expectOracle("channel=email&status=answered&sentiment=positive&from=2026-03-01")).toEqual(["billing"]);
    expect(await expectOracle("channel=email&status=handed_off")).toEqual(
      oracle(rows, filtersFrom("channel=email&status=handed_off")).map((row) => row.key),
    );
    await expectOracle(
      "status=handed_off,failed&channel=voice,sms&sentiment=angry,frustrated,neutral&from=2026-02-01&to=2026-02-28",
    );
    await expectOracle("reason=insufficient_tools&channel=email");
    expect(await expectOracle("channel=web&status=failed")).toEqual([]);
  });

  it("applies the saved views, alone and with filters", async () => {
    expect(await expectOracle("view=handed_off&from=2026-03-01")).toEqual(
      ["sample", "furious", "charged"].filter((key) => byKey(key).createdAt >= "2026-03-01"),
    );
    expect(await expectOracle("view=negative&from=2026-03-01")).toEqual(["cancel", "furious", "charged"]);
    expect(await expectOracle("view=voice&from=2026-03-01")).toEqual(["voicemail", "furious", "charged"]);
    // Needs attention: failed, or flagged (handoff incomplete, reply not delivered).
    expect(await expectOracle("view=needs_attention&from=2026-03-01")).toEqual(["saturday", "cancel", "furious"]);
    for (const view of ["all", "handed_off", "negative", "voice", "needs_attention"])
      await expectOracle(`view=${view}`);
    expect(await expectOracle("view=needs_attention&channel=email")).toEqual(expect.arrayContaining(["cancel"]));
    expect(await expectOracle("view=handed_off&status=answered")).toEqual([]);
    expect(await expectOracle("view=voice&sentiment=angry")).toContain("sample");
  });

  it("finds a phone number however it is written", async () => {
    for (const q of [
      "+14155550123",
      "+1 (415) 555-0123",
      "(415) 555-0123",
      "415.555.0123",
      "1-415-555-0123",
      "555-0123",
      "5550123",
    ]) {
      expect(await search(q), q).toEqual(["charged"]);
    }
    expect(await search("+44 (0)20 7946 0958")).toEqual(["whatsapp"]);
    expect(await search("020 7946 0958")).toEqual(["whatsapp"]);
    // A part of many numbers finds them all.
    expect(await search("415555")).toEqual(["saturday", "voicemail", "furious", "charged"]);
  });

  it("finds a ticket by its number, with or without #", async () => {
    const ticket = byKey("billing").ticketNumber;
    expect(await search(`#${ticket}`)).toEqual(["billing"]);
    expect(await search(String(ticket))).toEqual(["billing"]);
    expect(await search("#99999")).toEqual([]);
    // "#4411" is a ticket number only; "4411" also finds the words in messages.
    expect(await search("#4411")).toEqual([]);
    expect(await search("4411")).toEqual(["web", "whatsapp"]);
  });

  it("finds a Front conversation by its id or a link to it", async () => {
    expect(await search("cnv_charged01")).toEqual(["charged"]);
    expect(await search("https://app.frontapp.com/open/cnv_charged01")).toEqual(["charged"]);
    expect(await search("cnv_charged")).toEqual([]);
  });

  it("finds a contact by name or email, ignoring case", async () => {
    expect(await search("maria")).toEqual(["billing"]);
    expect(await search("GOMEZ")).toEqual(["billing"]);
    expect(await search("Maria.Gomez@Customer.Example")).toEqual(["billing"]);
    expect(await search("customer.example")).toEqual(["answering", "cancel", "billing"]);
    expect(await search("visitor-77")).toEqual(["web"]);
    expect(await search("Dana's")).toEqual(["whatsapp"]);
  });

  it("finds words in any message, whole words in any order, ignoring case", async () => {
    expect(await search("charged twice")).toEqual(["sample", "charged"]);
    expect(await search("invoice march")).toEqual(["charged"]);
    expect(await search("saturday")).toEqual(["saturday"]);
    // An AI message counts too.
    expect(await search("teammate")).toEqual(["charged"]);
    expect(await search("refund")).toEqual(["web"]);
    expect(await search("refunds")).toEqual([]);
    expect(await search("charged nowhere")).toEqual([]);
  });

  it("takes pattern characters literally and matches a session once", async () => {
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
    expect(await search("%_%")).toEqual([]);
    // Unescaped, "a_s" would find "Dana's bulk customer".
    expect(await search("a_s")).toEqual([]);
    expect(await search("a's")).toEqual(["whatsapp"]);
    expect(await search("100%")).toEqual(["billing"]);
    // Sam Patel: the name and the message both match; one row.
    expect(await search("patel")).toEqual(["voicemail"]);
  });

  it("combines the search with filters and views", async () => {
    expect(await search("charged twice", "view=negative")).toEqual(["sample", "charged"]);
    expect(await search("charged twice", "channel=voice&status=handed_off&from=2026-03-01")).toEqual(["charged"]);
    expect(await search("+1 (415) 555-0123", "status=answered")).toEqual([]);
    expect(await search("shipping", "channel=web")).toEqual(
      oracle(rows, filtersFrom("channel=web"))
        .filter((row) => row.key.startsWith("micro"))
        .map((row) => row.key),
    );
    expect(await search("maria", "view=needs_attention")).toEqual([]);
  });

  it("pages through ties and sub-millisecond differences without repeating or skipping a row", async () => {
    for (const query of [
      "",
      "status=handed_off",
      "channel=voice",
      "sentiment=neutral",
      "view=needs_attention",
      "from=2026-02-01&to=2026-02-28",
      "channel=voice,web&status=handed_off,answered",
    ]) {
      const expected = oracle(rows, filtersFrom(query)).map((row) => row.key);
      for (const limit of [1, 2, 3, 7, 25])
        expect(await walk(filtersFrom(query), limit), `${query} by ${limit}`).toEqual(expected);
    }
    const expected = await search("shipping");
    expect(expected).toHaveLength(30);
    for (const limit of [1, 4, 29]) expect(await walk(filtersFrom("q=shipping"), limit)).toEqual(expected);
    // The six microsecond-apart rows come newest first.
    expect((await search("Microsecond")).map((key) => key)).toEqual([
      "micro-5",
      "micro-4",
      "micro-3",
      "micro-2",
      "micro-1",
      "micro-0",
    ]);
  });

  it("keeps a walk whole while other rows move to the top", async () => {
    const filters = filtersFrom("from=2026-02-01&to=2026-02-28");
    const before = oracle(rows, filters).map((row) => row.key);
    const seen: string[] = [];
    let cursor: SessionListCursor | undefined;
    let moved = 0;
    for (;;) {
      const page = await listSessions(database.db, { limit: 5, cursor, filters });
      seen.push(...page.sessions.map((session) => rows.find((row) => row.id === session.id)!.key));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
      // A later row gets new activity (status change, new message): it jumps above the cursor.
      const later = before.filter((key) => !seen.includes(key))[3];
      if (later && moved < 3) {
        moved += 1;
        await database.db.execute(
          sql`update sessions set last_activity_at = '2026-03-10T00:00:00Z' where id = ${byKey(later).id}`,
        );
        byKey(later).lastActivityAt = "2026-03-10T00:00:00.000000Z";
      }
    }
    expect(moved).toBe(3);
    // Each row that did not move is seen exactly once; the moved ones are above where the walk started.
    const stayed = before.filter((key) => byKey(key).lastActivityAt !== "2026-03-10T00:00:00.000000Z");
    expect(seen.filter((key) => stayed.includes(key))).toEqual(stayed);
    expect(new Set(seen).size).toBe(seen.length);
    expect(
      (await listSessions(database.db, { limit: 3, filters })).sessions.every((session) =>
        byKey(rows.find((row) => row.id === session.id)!.key).lastActivityAt.startsWith("2026-03-10"),
      ),
    ).toBe(true);
  });

  it("gives the planner an index for the keyset, the status and channel filters and the message search", async () => {
    // `ordered`: the list itself must come from an index in Inbox order (no sort); otherwise any index will do.
    const plan = async (
      filters: SessionFilters,
      cursor?: SessionListCursor,
      options: { searchCandidateLimit?: number; ordered?: boolean } = {},
    ) =>
      explain(
        sessionListQuery(
          database.db,
          await sessionListConditions(database.db, {
            cursor,
            filters,
            searchCandidateLimit: options.searchCandidateLimit,
          }),
          50,
        ).getSQL(),
        options.ordered ?? true,
      );
    const explain = async (query: SQL, ordered: boolean) => {
      return database.db.transaction(async (tx) => {
        // Tiny tables make a sequential scan and a sort cheapest; forbid them to see which index serves the query.
        await tx.execute(sql`set local enable_seqscan = off`);
        if (ordered) {
          await tx.execute(sql`set local enable_bitmapscan = off`);
          await tx.execute(sql`set local enable_sort = off`);
        }
        const result = await tx.execute(sql`explain ${query}`);
        return rowsOf<{ "QUERY PLAN": string }>(result)
          .map((row) => row["QUERY PLAN"])
          .join("\n");
      });
    };
    const cursor = { lastActivityAt: TIED_AT, id: byKey("tied-3").id };
    const all = await plan(NO_FILTERS, cursor);
    expect(all).toMatch(/Index Scan Backward using sessions_last_activity_idx/);
    expect(all).toMatch(/Index Cond: \(ROW\(last_activity_at, id\) < ROW\(/);
    const status = await plan(filtersFrom("status=handed_off"), cursor);
    expect(status).toMatch(/sessions_status_activity_idx/);
    expect(status).toMatch(/Index Cond: \(\(status = 'handed_off'::text\) AND \(ROW\(last_activity_at, id\) < ROW\(/);
    expect(await plan(filtersFrom("channel=voice&from=2026-02-01"), cursor)).toMatch(/sessions_channel_activity_idx/);
    // A search's message probe uses the GIN index; walked, each session's messages come from their own index.
    expect(
      await explain(searchProbes(database.db, parseSessionSearch("refund")!, 1000).messages!.getSQL(), false),
    ).toMatch(/session_messages_search_idx/);
    // The contact probe ("contains") uses the trigram indexes, not a scan of every session.
    const contactProbe = await explain(
      searchProbes(database.db, parseSessionSearch("gomez")!, 1000).contact!.getSQL(),
      false,
    );
    expect(contactProbe).toMatch(/sessions_contact_name_trgm_idx/);
    expect(contactProbe).toMatch(/sessions_contact_handle_trgm_idx/);
    expect(
      await explain(searchProbes(database.db, parseSessionSearch("555-0123")!, 1000).contact!.getSQL(), false),
    ).toMatch(/sessions_contact_key_trgm_idx/);
    const walked = await plan(filtersFrom("q=refund"), cursor, { searchCandidateLimit: 0 });
    expect(walked).toMatch(/Index Scan Backward using sessions_last_activity_idx/);
    expect(walked).toMatch(/session_messages_session_idx/);
    expect(await plan(filtersFrom("q=%231042"), undefined, { ordered: false })).toMatch(
      /sessions_ticket_number_unique/,
    );
    expect(await plan(filtersFrom("q=cnv_charged01"), undefined, { ordered: false })).toMatch(
      /sessions_front_conversation_id_unique/,
    );
    expect(
      await plan(filtersFrom(`q=${encodeURIComponent("+1 (415) 555-0123")}`), undefined, { ordered: false }),
    ).toMatch(/sessions_contact_idx/);
  });
});
