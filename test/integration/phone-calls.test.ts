// Calls as Front carries them (issue 11), end to end through the simulator: transcript lines that say who spoke,
// and a `custom` message that is a call only when it arrived on a phone channel an admin picked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { recentCustomMessage } from "@/lib/db/queries/deliveries";
import { sessionMessages } from "@/lib/db/schema";
import {
  CUSTOM_CHANNEL_ADDRESS,
  CUSTOM_CHANNEL_ID,
  CUSTOM_INBOX_ID,
  SIM_PHONE_CHANNEL,
  SMS_CHANNEL_ID,
  type TranscriptLine,
} from "@/front-sim";
import { dbKinds } from "../helpers/db";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

const PASSWORD_QUESTION =
  "Voicemail transcript\nHi, this is Sam. How do I reset my password? The reset email never arrives.";

describe.each(dbKinds())("phone calls, on %s", (kind) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(kind);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness.reset();
  });

  const db = () => harness.database.db;
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
      {
        speaker_type: "external",
        speaker_name: "Agent Smith",
        content: "No thanks. How do I reset my password? The reset email never arrives.",
        start_time_seconds: 6.5,
      },
      {
        speaker_type: "internal",
        speaker_name: "Customer Care",
        content: "Thanks for calling Acme. Do you want to cancel your subscription?",
        start_time_seconds: 0,
      },
    ];
    // What the integration wrote as the message's text, names only: read as text, the agent's question is the customer's.
    const namesOnly =
      "Customer Care: Thanks for calling Acme. Do you want to cancel your subscription?\nAgent Smith: No thanks. How do I reset my password? The reset email never arrives.";

    it("makes the AI answer the customer's question, not the agent's words", async () => {
      const placed = await harness.sim.placeCall({ from: "+14155550161", text: "Incoming call", durationSeconds: 40 });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "skipped",
        decisionReason: "waiting for the call's transcript",
      });

      const transcript = await harness.sim.addCallTranscript(placed.messageId!, namesOnly, { lines });
      expect(await harness.waitForEvent(transcript.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });

      const [reply] = replyTexts(placed.conversationId);
      expect(reply).toMatch(/Resetting your password/);
      expect(reply).not.toMatch(/cancel/i);
      const row = await messageRow(placed.messageId!);
      expect(row.text).toBe(
        "Call transcript\nAgent (Customer Care): Thanks for calling Acme. Do you want to cancel your subscription?\nCustomer (Agent Smith): No thanks. How do I reset my password? The reset email never arrives.",
      );
      expect(row.metadata).toMatchObject({ callKind: "transcript", transcriptLines: 2, durationSeconds: 40 });
      // The Inbox row previews the customer's words alone.
      expect((await harness.sessionOf(placed.conversationId)).preview).toBe(
        "No thanks. How do I reset my password? The reset email never arrives.",
      );
    });

    it("without lines, the same text is parsed as before (and the agent's question is taken for the customer's)", async () => {
      const placed = await harness.sim.placeCall({ from: "+14155550162", text: namesOnly, durationSeconds: 40 });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({ decision: "processed" });
      expect((await harness.sessionOf(placed.conversationId)).preview).toMatch(
        /^Customer Care: Thanks for calling Acme\. Do you want to cancel/,
      );
    });
  });

  describe("a custom message is a call only by its channel", () => {
    function inboxLookups(conversationId: string): number {
      return harness.sim.requests.filter(
        (request) => request.method === "GET" && request.pathname === `/conversations/${conversationId}/inboxes`,
      ).length;
    }

    it("a custom call in the picked phone channel's inbox is voice, read from the event without asking Front", async () => {
      expect(harness.settings.phoneChannels).toEqual([SIM_PHONE_CHANNEL]);
      const placed = await harness.sim.placeCall({
        from: "+14155550171",
        text: PASSWORD_QUESTION,
        messageType: "custom",
        answered: false,
      });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ channel: "voice" });
      // Answered as a call: texted back from the SMS channel to the caller's number.
      expect(harness.sim.getConversation(placed.conversationId)!.replies).toMatchObject([
        { channelId: SMS_CHANNEL_ID, to: ["+14155550171"] },
      ]);
      expect(inboxLookups(placed.conversationId)).toBe(0);
      // Front's call metadata is still shown when it is there.
      expect((await messageRow(placed.messageId!)).metadata).toMatchObject({ answered: false });
    });

    it("with no phone channel picked, a custom message is web chat even with call metadata; call messages stay calls", async () => {
      harness.settings.phoneChannels = [];
      const custom = await harness.sim.placeCall({
        from: "+14155550172",
        text: PASSWORD_QUESTION,
        messageType: "custom",
        durationSeconds: 41,
        answered: false,
      });
      const call = await harness.sim.placeCall({ from: "+14155550173", text: PASSWORD_QUESTION, messageType: "call" });
      await harness.waitForEvent(custom.eventId);
      await harness.waitForEvent(call.eventId);
      expect(await harness.sessionOf(custom.conversationId)).toMatchObject({ channel: "web" });
      expect(harness.sim.getConversation(custom.conversationId)!.replies).toMatchObject([
        { channelId: null, to: null },
      ]);
      expect(await harness.sessionOf(call.conversationId)).toMatchObject({ channel: "voice" });
      // The go-live checklist points at the phone channels: a customer's custom message was answered as web chat.
      const web = await harness.sessionOf(custom.conversationId);
      expect(await recentCustomMessage(db())).toEqual({ sessionId: web.id, ticketNumber: web.ticketNumber });
    });

    it("a custom message without call metadata is voice when it is addressed to a picked channel", async () => {
      // The simulator's other application channel, picked by its address alone.
      harness.settings.phoneChannels = [
        { id: CUSTOM_CHANNEL_ID, name: "Custom channel", address: CUSTOM_CHANNEL_ADDRESS },
      ];
      const sent = await harness.sim.sendMessage({
        messageType: "custom",
        from: "+14155550174",
        text: "How do I reset my password?",
      });
      expect(await harness.waitForEvent(sent.eventId)).toMatchObject({ decision: "processed" });
      expect(await harness.sessionOf(sent.conversationId)).toMatchObject({ channel: "voice" });
      expect(inboxLookups(sent.conversationId)).toBe(0);

      // Picked by its inbox only: the event's source says which inbox the message came in.
      harness.settings.phoneChannels = [{ id: CUSTOM_CHANNEL_ID, inboxId: CUSTOM_INBOX_ID }];
      const again = await harness.sim.sendMessage({
        messageType: "custom",
        from: "+14155550175",
        text: "How do I reset my password?",
      });
      await harness.waitForEvent(again.eventId);
      expect(await harness.sessionOf(again.conversationId)).toMatchObject({ channel: "voice" });
    });

    it("when the event names no inbox (an assignment), the conversation's inboxes are asked for, once", async () => {
      // The phone channel is known by its inbox only, and the call's `to` is the company number, not the channel's address.
      harness.settings.phoneChannels = [{ id: SIM_PHONE_CHANNEL.id, inboxId: SIM_PHONE_CHANNEL.inboxId }];
      const placed = await harness.sim.placeCall({
        from: "+14155550176",
        text: PASSWORD_QUESTION,
        messageType: "custom",
        assigneeId: null,
      });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "skipped",
        failedCheck: "unassigned_switch",
      });
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ channel: "voice" });
      expect(inboxLookups(placed.conversationId)).toBe(0);

      const assigned = await harness.sim.assign(placed.conversationId, AI_TEAMMATE);
      expect(await harness.waitForEvent(assigned.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      expect(inboxLookups(placed.conversationId)).toBe(1);
      // Answered as a call: texted back by SMS, not replied onto the conversation.
      expect(harness.sim.getConversation(placed.conversationId)!.replies).toMatchObject([
        { channelId: SMS_CHANNEL_ID, to: ["+14155550176"] },
      ]);
    });

    it("on a conversation in no phone channel's inbox, an assignment leaves a custom message web chat", async () => {
      harness.settings.phoneChannels = [{ id: SIM_PHONE_CHANNEL.id, inboxId: SIM_PHONE_CHANNEL.inboxId }];
      const sent = await harness.sim.sendMessage({
        messageType: "custom",
        from: "app-user-9",
        text: "How do I reset my password?",
        assigneeId: null,
      });
      await harness.waitForEvent(sent.eventId);
      const assigned = await harness.sim.assign(sent.conversationId, AI_TEAMMATE);
      expect(await harness.waitForEvent(assigned.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      expect(inboxLookups(sent.conversationId)).toBe(1);
      expect(await harness.sessionOf(sent.conversationId)).toMatchObject({ channel: "web" });
      expect(harness.sim.getConversation(sent.conversationId)!.replies).toMatchObject([{ channelId: null, to: null }]);
    });
  });
});
