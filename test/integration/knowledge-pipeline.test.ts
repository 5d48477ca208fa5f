import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { KnowledgeHit } from "@/lib/db/queries/knowledge";
import { createKnowledgeArticle } from "@/lib/knowledge/articles";
import { agentSteps, sessions } from "@/lib/db/schema";
import { dbKinds } from "../helpers/db";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

/** A long article whose answer to the caller's question sits in its third section. */
const GIFT_CARDS = [
  "Acme gift cards come as a printed card in the post or as an email with a code. This article covers buying, using and looking after them.",
  "## Buying a gift card",
  "Choose an amount between ten and five hundred dollars on the gift card page. Printed cards ship within two business days; emailed cards arrive within minutes, at the time you choose.",
  "## Using a gift card",
  "Enter the sixteen-digit code at checkout. If your order costs more than the card holds, pay the rest with any payment method.",
  "## Expiry and lost cards",
  "Gift cards never expire and have no fees. If a printed card is lost, we can replace it when you still have the receipt, because the receipt shows the card number.",
].join("\n\n");

describe.each(dbKinds())("the agent answers from a knowledge article's passage, on %s", (kind) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("cites the article it used, and the run records which chunks the search returned", async () => {
    harness = await startHarness(kind, { handleUnassigned: true });
    const article = await createKnowledgeArticle(harness.database.db, { title: "Gift cards", body: GIFT_CARDS });
    const placed = await harness.sim.placeCall({
      from: "+14155550142",
      text: "Voicemail transcript\nHi, I was given a gift card last year. Do gift cards expire? Thanks.",
      answered: false,
      durationSeconds: 25,
      assigneeId: AI_TEAMMATE,
    });
    expect((await harness.waitForEvent(placed.eventId)).decision).toBe("processed");

    const reply =
      harness.sim.getConversation(placed.conversationId)!.messages.find((message) => !message.is_inbound)?.body ?? "";
    expect(reply).toContain("Gift cards never expire");
    expect(reply).toContain("From our help article: Gift cards");

    const [session] = await harness.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.frontConversationId, placed.conversationId));
    expect(session.status).toBe("answered");
    const [search] = await harness.database.db
      .select()
      .from(agentSteps)
      .where(eq(agentSteps.toolName, "search_knowledge_base"));
    const { results } = search.output as { results: KnowledgeHit[] };
    // The passage the reply quotes is among those returned, named by chunk, heading and position.
    expect(results).toContainEqual(
      expect.objectContaining({
        articleId: article.id,
        title: "Gift cards",
        heading: "Expiry and lost cards",
        position: 3,
        chunkId: expect.any(String),
      }),
    );
    expect(results.filter((hit) => hit.articleId === article.id).length).toBeLessThanOrEqual(2);
  });
});
