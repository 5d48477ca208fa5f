import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createModel } from "@/lib/agent/model";
import { sessionMessages, sessions } from "@/lib/db/schema";
import { dbKinds } from "../helpers/db";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";
import { AI_TEAMMATE, startHarness } from "../helpers/pipeline-harness";

describe.each(dbKinds())("redaction in the pipeline, on %s", (kind) => {
  let standIn: OpenAIStandIn;
  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  it("never sends a card number or an SSN to the model, and keeps what was redacted on the message", async () => {
    const model = createModel({ model: "openai-compatible:redaction-check", baseUrl: standIn.url, apiKey: "k" });
    const harness = await startHarness(kind, { model });
    try {
      standIn.script({
        kind: "tool_call",
        name: "handoff_to_human",
        arguments: { reason: "based_on_instructions", summary: "Card payment question.", sentiment: "neutral" },
      });
      const placed = await harness.sim.placeCall({
        from: "+14155550190",
        text: "Call transcript\nCustomer: Please charge my card 4242 4242 4242 4242. My SSN is 123-45-6789.",
        assigneeId: AI_TEAMMATE,
      });
      expect((await harness.waitForEvent(placed.eventId)).decision).toBe("processed");

      const wire = JSON.stringify(standIn.requests.map((request) => request.body));
      expect(wire).not.toContain("4242 4242 4242 4242");
      expect(wire).not.toContain("123-45-6789");
      expect(wire).toContain("[card number ending 4242]");
      expect(wire).toContain("[national id]");

      const [session] = await harness.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.frontConversationId, placed.conversationId));
      const [message] = await harness.database.db
        .select()
        .from(sessionMessages)
        .where(eq(sessionMessages.sessionId, session.id));
      expect(message.text).toContain("4242 4242 4242 4242");
      expect(message.modelText).toContain("[card number ending 4242]");
      expect(message.metadata.redactions).toEqual([
        { kind: "card_number", placeholder: "[card number ending 4242]" },
        { kind: "national_id", placeholder: "[national id]" },
      ]);
      expect(session.preview).not.toContain("4242 4242");
    } finally {
      await harness.close();
    }
  });
});
