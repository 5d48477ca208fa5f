// Calls as Front carries them (issue 11), end to end through the simulator: transcript lines that say who spoke,
// and a `custom` message that is a call only when it arrived on a phone channel an admin picked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessionMessages, sessions } from "@/lib/db/schema";
import type { TranscriptLine } from "@/lib/front-sim";
import { dbKinds } from "../helpers/db";
import { HARNESS_AGENT_SETTINGS, HARNESS_FRONT_SETTINGS, startHarness, type Harness } from "../helpers/pipeline-harness";

describe.each(dbKinds())("phone calls, on %s", (kind) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(kind);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    Object.assign(harness.settings, structuredClone(HARNESS_FRONT_SETTINGS));
    Object.assign(harness.agentSettings, structuredClone(HARNESS_AGENT_SETTINGS));
  });

  const db = () => harness.database.db;
  async function sessionOf(conversationId: string) {
    const [session] = await db().select().from(sessions).where(eq(sessions.frontConversationId, conversationId));
    return session;
  }
  async function messageRow(frontMessageId: string) {
    const [row] = await db().select().from(sessionMessages).where(eq(sessionMessages.frontMessageId, frontMessageId));
    return row;
  }
  function replyTexts(conversationId: string): string[] {
    const view = harness.sim.getConversation(conversationId)!;
    return view.replies.map((reply) => reply.text ?? reply.body);
  }

  describe("a transcript in structured lines", () => {
    // The agent's name sounds like a customer's and the customer's like an agent's: only speaker_type tells them apart.
    const lines: TranscriptLine[] = [
      { speaker_type: "external", speaker_name: "Agent Smith", content: "No thanks. How do I reset my password? The reset email never arrives.", start_time_seconds: 6.5 },
      { speaker_type: "internal", speaker_name: "Customer Care", content: "Thanks for calling Acme. Do you want to cancel your subscription?", start_time_seconds: 0 },
    ];
    // What the integration wrote as the message's text, names only: read as text, the agent's question is the customer's.
    const namesOnly = "Customer Care: Thanks for calling Acme. Do you want to cancel your subscription?\nAgent Smith: No thanks. How do I reset my password? The reset email never arrives.";

    it("makes the AI answer the customer's question, not the agent's words", async () => {
      const placed = await harness.sim.placeCall({ from: "+14155550161", text: "Incoming call", durationSeconds: 40 });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({ decision: "skipped", decisionReason: "waiting for the call's transcript" });

      const transcript = await harness.sim.addCallTranscript(placed.messageId!, namesOnly, { lines });
      expect(await harness.waitForEvent(transcript.eventId)).toMatchObject({ decision: "processed", decisionReason: "the AI replied" });

      const [reply] = replyTexts(placed.conversationId);
      expect(reply).toMatch(/Resetting your password/);
      expect(reply).not.toMatch(/cancel/i);
      const row = await messageRow(placed.messageId!);
      expect(row.text).toBe(
        "Call transcript\nAgent (Customer Care): Thanks for calling Acme. Do you want to cancel your subscription?\nCustomer (Agent Smith): No thanks. How do I reset my password? The reset email never arrives.",
      );
      expect(row.metadata).toMatchObject({ callKind: "transcript", transcriptLines: 2, durationSeconds: 40 });
      // The Inbox row previews the customer's words alone.
      expect((await sessionOf(placed.conversationId)).preview).toBe("No thanks. How do I reset my password? The reset email never arrives.");
    });

    it("without lines, the same text is parsed as before (and the agent's question is taken for the customer's)", async () => {
      const placed = await harness.sim.placeCall({ from: "+14155550162", text: namesOnly, durationSeconds: 40 });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({ decision: "processed" });
      expect((await sessionOf(placed.conversationId)).preview).toMatch(/^Customer Care: Thanks for calling Acme\. Do you want to cancel/);
    });
  });
});
