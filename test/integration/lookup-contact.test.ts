import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupContactTool } from "@/lib/agent/tools/lookup-contact";
import type { Database } from "@/lib/db/client";
import { findOrCreateSession, updateSession } from "@/lib/db/queries/sessions";
import { createTestDatabase, dbKinds } from "../helpers/db";

describe.each(dbKinds())("lookup_contact on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("finds the caller's earlier sessions by any spelling of their number, not the current one", async () => {
    const { db } = database;
    const earlier = await findOrCreateSession(db, {
      frontConversationId: "cnv_a",
      channel: "voice",
      contactHandle: "+14155550123",
      contactKey: "+14155550123",
      initialStatus: "handed_off",
    });
    await updateSession(db, earlier.session.id, {
      summary: "Charged twice for March.",
      handoffReason: "user_requested_human_assistance",
    });
    await findOrCreateSession(db, {
      frontConversationId: "cnv_other",
      channel: "sms",
      contactHandle: "+14155550999",
      contactKey: "+14155550999",
      initialStatus: "answered",
    });
    const current = await findOrCreateSession(db, {
      frontConversationId: "cnv_b",
      channel: "voice",
      contactHandle: "+14155550123",
      contactKey: "+14155550123",
      initialStatus: "ai_answering",
    });

    const lookup = lookupContactTool(db, { currentSessionId: current.session.id, contactHandle: "+14155550123" });
    const execute = lookup.execute!;
    const mine = await execute({}, { toolCallId: "t1", messages: [] });
    expect(mine).toMatchObject({
      found: 1,
      sessions: [
        {
          ticket: `#${earlier.session.ticketNumber}`,
          summary: "Charged twice for March.",
          handoffReason: "user_requested_human_assistance",
        },
      ],
    });

    const spelledDifferently = await execute({ handle: "+1 (415) 555-0123" }, { toolCallId: "t2", messages: [] });
    expect(spelledDifferently).toMatchObject({ found: 1 });
    const stranger = await execute({ handle: "nobody@example.com" }, { toolCallId: "t3", messages: [] });
    expect(stranger).toMatchObject({ found: 0, sessions: [] });
  });
});
