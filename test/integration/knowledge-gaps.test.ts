import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { parseSessionFilters } from "@/lib/inbox/session-filters";
import { listInboxSessions } from "@/lib/inbox/list";
import { agentRuns, handoffs, sessionMessages, sessions } from "@/lib/db/schema";
import { gapInboxHref } from "@/lib/reports/knowledge-gaps/links";
import { findKnowledgeGaps, type GapScope } from "@/lib/reports/knowledge-gaps/query";
import { createTestDatabase, dbKinds } from "../helpers/db";
import type { Channel, HandoffReason } from "@/lib/domain";

interface Turn {
  text: string;
  /** The run's handoff reason; none: the AI replied. */
  handoff?: HandoffReason;
}

interface Spec {
  name: string;
  channel: Channel;
  createdAt: string;
  /** sessions.handoff_reason: the latest handoff's. */
  reason?: HandoffReason;
  turns: Turn[];
}

const IK = "insufficient_knowledge" as const;
const day = (date: string, hour: number) => `${date}T${String(hour).padStart(2, "0")}:00:00.000Z`;

// The week 2026-11-01..07. In it: 5 warranty questions (one a phone call, one asked on a second turn), 3 about
// invoice PDFs (one by SMS), 1 odd one. Around them: gaps outside the week, a session handed off later for
// another reason, and answered questions that mention the warranty or the invoice only in passing.
const SPECS: Spec[] = [
  {
    name: "w1",
    channel: "email",
    createdAt: day("2026-11-01", 0),
    reason: IK,
    turns: [{ text: "Does the warranty cover water damage?", handoff: IK }],
  },
  {
    name: "w2",
    channel: "email",
    createdAt: day("2026-11-02", 9),
    reason: IK,
    turns: [{ text: "How long is the warranty on the espresso machine?", handoff: IK }],
  },
  {
    name: "w3",
    channel: "voice",
    createdAt: day("2026-11-03", 12),
    reason: IK,
    turns: [
      {
        text: "Call transcript (0m41s)\nAgent: Thanks for calling, how can I help?\nCustomer: Hi, this is Sam. Is the warranty transferable if I sell the grinder?",
        handoff: IK,
      },
    ],
  },
  {
    name: "w4",
    channel: "email",
    createdAt: day("2026-11-04", 8),
    reason: IK,
    turns: [
      { text: "Where is my parcel?" },
      { text: "Also, my kettle broke after a year, is that under warranty?", handoff: IK },
    ],
  },
  {
    name: "w5",
    channel: "email",
    createdAt: day("2026-11-07", 23),
    reason: IK,
    turns: [{ text: "Can I extend the warranty to three years?", handoff: IK }],
  },
  {
    name: "i1",
    channel: "email",
    createdAt: day("2026-11-02", 10),
    reason: IK,
    turns: [{ text: "Can I get my invoice as a PDF?", handoff: IK }],
  },
  {
    name: "i2",
    channel: "sms",
    createdAt: day("2026-11-05", 10),
    reason: IK,
    turns: [{ text: "Where do I download the PDF of an invoice?", handoff: IK }],
  },
  {
    name: "i3",
    channel: "email",
    createdAt: day("2026-11-06", 10),
    reason: IK,
    turns: [{ text: "The invoices PDF export is blank", handoff: IK }],
  },
  {
    name: "odd",
    channel: "email",
    createdAt: day("2026-11-03", 15),
    reason: IK,
    turns: [{ text: "Do you ship llamas to Iceland?", handoff: IK }],
  },
  // Not in the week's gaps.
  {
    name: "before",
    channel: "email",
    createdAt: "2026-10-31T23:59:59.999Z",
    reason: IK,
    turns: [{ text: "Does the warranty cover scratches?", handoff: IK }],
  },
  {
    name: "after",
    channel: "email",
    createdAt: day("2026-11-08", 0),
    reason: IK,
    turns: [{ text: "Is the warranty void if I open it?", handoff: IK }],
  },
  {
    name: "later-human",
    channel: "email",
    createdAt: day("2026-11-03", 9),
    reason: "user_requested_human_assistance",
    turns: [
      { text: "Is there a warranty on refurbished units?", handoff: IK },
      { text: "Let me talk to a person", handoff: "user_requested_human_assistance" },
    ],
  },
  {
    name: "answered1",
    channel: "email",
    createdAt: day("2026-11-02", 12),
    turns: [{ text: "Can you resend my invoice for March?" }],
  },
  {
    name: "answered2",
    channel: "email",
    createdAt: day("2026-11-04", 12),
    turns: [{ text: "How do I reset my password?" }],
  },
];

const WEEK: GapScope = { from: "2026-11-01", to: "2026-11-07", channels: [] };

async function seed(database: Database): Promise<Map<string, string>> {
  const { db } = database;
  const ids = new Map<string, string>();
  for (const spec of SPECS) {
    const createdAt = new Date(spec.createdAt);
    const [session] = await db
      .insert(sessions)
      .values({
        frontConversationId: `cnv_gap_${spec.name}`,
        channel: spec.channel,
        status: spec.reason ? "handed_off" : "answered",
        handoffReason: spec.reason ?? null,
        aiOutcome: spec.reason ? "handed_off" : "answered",
        createdAt,
        updatedAt: createdAt,
        lastActivityAt: createdAt,
      })
      .returning();
    ids.set(spec.name, session.id);
    let turn = 0;
    for (const { text, handoff } of spec.turns) {
      turn += 1;
      const at = new Date(createdAt.getTime() + turn * 60_000);
      const messageId = `msg_gap_${spec.name}_${turn}`;
      await db.insert(sessionMessages).values({
        sessionId: session.id,
        frontMessageId: messageId,
        direction: "inbound",
        authorType: "customer",
        messageType: spec.channel === "voice" ? "call" : spec.channel,
        text,
        sentAt: at,
      });
      const [run] = await db
        .insert(agentRuns)
        .values({
          sessionId: session.id,
          triggerMessageId: messageId,
          model: "local",
          status: "completed",
          outcome: handoff ? "handoff" : "reply",
          receivedAt: at,
          startedAt: at,
        })
        .returning();
      if (handoff)
        await db.insert(handoffs).values({
          sessionId: session.id,
          runId: run.id,
          reason: handoff,
          summary: "Needs a person.",
          sentiment: "neutral",
          createdAt: at,
        });
    }
  }
  return ids;
}

describe.each(dbKinds())("knowledge gaps on %s", (kind) => {
  let database: Database;
  let ids: Map<string, string>;
  const idsOf = (...names: string[]) => names.map((name) => ids.get(name)!).sort();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ids = await seed(database);
  });

  afterAll(async () => {
    await database?.close();
  });

  it("groups the week's insufficient-knowledge questions 5 / 3 / 1 by their words, newest examples first", async () => {
    const gaps = await findKnowledgeGaps(database.db, WEEK);
    expect(gaps.sessions).toBe(9);
    expect(gaps.groups.map((group) => [group.key, group.words, [...group.sessionIds].sort()])).toEqual([
      ["warranty", ["warranty"], idsOf("w1", "w2", "w3", "w4", "w5")],
      // Another customer asked about an invoice and got an answer: "pdf" is what sets these apart.
      ["pdf", ["pdf", "invoice"], idsOf("i1", "i2", "i3")],
      ["iceland", ["iceland", "llamas", "ship"], idsOf("odd")],
    ]);
    const [warranty] = gaps.groups;
    // The caller's words without the agent's line or the greeting ("Hi, this is Sam.", "Also,"); the second turn's question, not the first's.
    expect(warranty.examples.map((example) => [example.sessionId, example.text])).toEqual([
      [ids.get("w5"), "Can I extend the warranty to three years?"],
      [ids.get("w4"), "My kettle broke after a year, is that under warranty?"],
      [ids.get("w3"), "Is the warranty transferable if I sell the grinder?"],
    ]);
  });

  it("keeps to the channel asked for, and finds nothing in a range without gaps", async () => {
    const sms = await findKnowledgeGaps(database.db, { ...WEEK, channels: ["sms"] });
    // Alone, a question is named by its own words, the longest first.
    expect(sms.groups.map((group) => [group.words, group.sessionIds])).toEqual([
      [["download", "invoice", "pdf"], [ids.get("i2")]],
    ]);
    expect(await findKnowledgeGaps(database.db, { from: "2026-12-01", to: "2026-12-07", channels: [] })).toEqual({
      sessions: 0,
      groups: [],
    });
  });

  it("the Inbox link of a group lists exactly its sessions", async () => {
    const report = { range: { from: WEEK.from!, to: WEEK.to! }, channel: null };
    const gaps = await findKnowledgeGaps(database.db, WEEK);
    for (const group of gaps.groups) {
      const href = gapInboxHref(report, group);
      const { filters, issues } = parseSessionFilters(new URL(href, "http://x").searchParams);
      expect(issues).toEqual([]);
      const listed = await listInboxSessions(database.db, { limit: 100, filters });
      expect(listed.sessions.map((session) => session.id).sort(), href).toEqual([...group.sessionIds].sort());
    }
    const { filters } = parseSessionFilters(
      new URLSearchParams("reason=insufficient_knowledge&from=2026-11-01&to=2026-11-07&gap=nothing"),
    );
    expect((await listInboxSessions(database.db, { limit: 100, filters })).sessions).toEqual([]);
  });
});
