import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { searchKnowledgeBaseTool } from "@/lib/agent/tools/search-knowledge-base";
import { PGLITE_EXTENSIONS, type Database, type Db } from "@/lib/db/client";
import {
  getKnowledgeArticle,
  type KnowledgeHit,
  listKnowledgeArticles,
  MAX_CHUNKS_PER_ARTICLE,
  searchKnowledge,
} from "@/lib/db/queries/knowledge";
import * as schema from "@/lib/db/schema";
import { knowledgeArticles, knowledgeChunks } from "@/lib/db/schema";
import {
  createKnowledgeArticle,
  deleteKnowledgeArticle,
  ensureKnowledgeChunks,
  updateKnowledgeArticle,
} from "@/lib/knowledge/articles";
import { chunkArticle } from "@/lib/knowledge/chunk";
import { DuplicateTitleError } from "@/lib/knowledge/errors";
import { importMarkdownFiles } from "@/lib/knowledge/import";
import { SAMPLE_ARTICLES } from "@/lib/knowledge/sample-articles";
import { seedSampleData } from "@/lib/runtime";
import { createTestDatabase, dbKinds } from "../helpers/db";

/** A handbook long enough to be several chunks; only its "Returns" section talks about sending things back. */
const HANDBOOK = [
  "Welcome to the Acme store handbook. It covers the questions customers ask us most, one section per topic, and our team keeps it up to date.",
  "## Shipping",
  "Orders leave our warehouse within one business day. We ship with several carriers and pick the fastest one for your address. Standard shipping is free over fifty dollars; express shipping is charged at checkout. You get an email with tracking as soon as the parcel leaves us, and a second one when it is out for delivery.",
  "## Returns",
  "You can send an item back within 30 days of delivery. Print the prepaid label from Account → Orders, pack the item in its original box and drop it at any carrier location. The refund reaches your card within five business days of the parcel arriving at our warehouse.",
  "## Gift wrapping",
  "Gift wrapping costs three dollars per item and includes a handwritten card with your message. Choose it at checkout, on the page where you enter the delivery address. Wrapped parcels have no prices inside, so they can be sent straight to the person you are surprising.",
].join("\n\n");

async function chunkRows(db: Db, articleId: string) {
  return db
    .select()
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.articleId, articleId))
    .orderBy(knowledgeChunks.position);
}

describe.each(dbKinds())("knowledge articles and chunks on %s", (kind) => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await db.delete(knowledgeArticles);
  });

  it("writes an article's chunks with it, rewrites them on every save, and deletes them with it", async () => {
    const article = await createKnowledgeArticle(db, { title: "Store handbook", body: HANDBOOK });
    const expected = chunkArticle(HANDBOOK);
    expect(expected.length).toBeGreaterThan(3);
    const first = await chunkRows(db, article.id);
    expect(first.map(({ position, heading, content }) => ({ position, heading, content }))).toEqual(expected);

    // A new body: the old chunks are gone (not appended to), and search follows the new text at once.
    const updated = await updateKnowledgeArticle(db, article.id, {
      title: "Store handbook",
      body: "## Opening hours\n\nWe are open every day from 9am to 5pm.",
    });
    expect(updated?.updatedAt.getTime()).toBeGreaterThanOrEqual(article.updatedAt.getTime());
    const second = await chunkRows(db, article.id);
    expect(second).toMatchObject([
      { position: 0, heading: "Opening hours", content: "We are open every day from 9am to 5pm." },
    ]);
    expect(second.some((chunk) => first.some((old) => old.id === chunk.id))).toBe(false);
    expect(await searchKnowledge(db, "prepaid return label")).toEqual([]);
    expect((await searchKnowledge(db, "when are you open"))[0]).toMatchObject({
      articleId: article.id,
      heading: "Opening hours",
    });

    // A new title is searchable at once too: every chunk carries its article's title.
    await updateKnowledgeArticle(db, article.id, {
      title: "Visiting the warehouse shop",
      body: "We are open every day from 9am to 5pm.",
    });
    expect((await searchKnowledge(db, "warehouse shop"))[0]).toMatchObject({
      articleId: article.id,
      title: "Visiting the warehouse shop",
    });

    expect(
      await updateKnowledgeArticle(db, "00000000-0000-4000-8000-000000000000", { title: "x", body: "y" }),
    ).toBeNull();
    expect((await deleteKnowledgeArticle(db, article.id))?.title).toBe("Visiting the warehouse shop");
    expect(await chunkRows(db, article.id)).toEqual([]);
    expect(await deleteKnowledgeArticle(db, article.id)).toBeNull();
    expect(await getKnowledgeArticle(db, article.id)).toBeNull();
  });

  it("answers from a long article's matching passage, not its opening", async () => {
    const handbook = await createKnowledgeArticle(db, { title: "Store handbook", body: HANDBOOK });
    await seedSampleData(db);
    const [best] = await searchKnowledge(db, "How do I send an item back for a refund?");
    expect(best).toMatchObject({
      articleId: handbook.id,
      title: "Store handbook",
      heading: "Returns",
      chunkId: expect.any(String),
    });
    expect(best.position).toBeGreaterThan(0);
    expect(best.content).toContain("within 30 days of delivery");
    expect(best.content).not.toContain("Welcome to the Acme store handbook");
    expect(best.score).toBeGreaterThan(0);
    expect(best.score).toBeLessThan(1);
  });

  it("ranks a word in a heading above the same word in a passage, and a title above both", async () => {
    const inPassage = await createKnowledgeArticle(db, {
      title: "Your account page",
      body: "Your profile page shows your orders, saved addresses and your loyalty points balance.",
    });
    const inHeading = await createKnowledgeArticle(db, {
      title: "Member benefits",
      body: "## Loyalty points\n\nEarn one for every dollar you spend, and redeem them at checkout.",
    });
    expect((await searchKnowledge(db, "loyalty points")).map((hit) => hit.articleId)).toEqual([
      inHeading.id,
      inPassage.id,
    ]);

    const inTitle = await createKnowledgeArticle(db, {
      title: "Loyalty points explained",
      body: "Every purchase earns a reward you can redeem later.",
    });
    const ranked = await searchKnowledge(db, "loyalty points");
    expect(ranked.map((hit) => hit.articleId)).toEqual([inTitle.id, inHeading.id, inPassage.id]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    expect(ranked[1].score).toBeGreaterThan(ranked[2].score);
  });

  it("puts the passage with more of the question's words first, even when another repeats one of them more", async () => {
    const body = [
      "## Buying a gift card",
      "Pick a gift card amount on the gift card page. Printed gift cards ship in two days; emailed gift cards arrive in minutes.",
      "## Expiry",
      "Gift cards never expire.",
    ].join("\n\n");
    await createKnowledgeArticle(db, { title: "Gift cards", body });
    const [best, second] = await searchKnowledge(db, "do gift cards expire?");
    expect(best).toMatchObject({ heading: "Expiry", content: "Gift cards never expire." });
    expect(second.heading).toBe("Buying a gift card");
  });

  it("returns at most two passages of one article, so another article that matches still shows", async () => {
    const sections = Array.from(
      { length: 6 },
      (_, index) =>
        `## Warranty part ${index + 1}\n\nThe warranty covers part ${index + 1} of the machine for two years.`,
    );
    const manual = await createKnowledgeArticle(db, { title: "Warranty manual", body: sections.join("\n\n") });
    const other = await createKnowledgeArticle(db, {
      title: "Repairs",
      body: "Out-of-warranty repairs are quoted before we start.",
    });
    expect((await chunkRows(db, manual.id)).length).toBe(6);
    const hits = await searchKnowledge(db, "warranty", 4);
    expect(hits.filter((hit) => hit.articleId === manual.id)).toHaveLength(MAX_CHUNKS_PER_ARTICLE);
    expect(hits.map((hit) => hit.articleId)).toContain(other.id);
  });

  it("matches any of the question's words, and nothing for a question of stop words only", async () => {
    await seedSampleData(db);
    const hits = await searchKnowledge(db, "my password reset email never came, what now?");
    expect(hits[0].title).toBe("Resetting your password");
    expect(await searchKnowledge(db, "what is the")).toEqual([]);
    expect(await searchKnowledge(db, "")).toEqual([]);
  });

  it("gives the agent's tool the fields the offline model reads, plus the chunk it came from", async () => {
    await seedSampleData(db);
    const execute = searchKnowledgeBaseTool(db).execute!;
    const output = (await execute(
      { query: "how do I cancel my subscription" },
      { toolCallId: "t1", messages: [] },
    )) as { results: KnowledgeHit[] };
    expect(output.results[0]).toEqual({
      chunkId: expect.any(String),
      articleId: expect.any(String),
      title: "Cancelling your subscription",
      heading: null,
      position: 0,
      content: SAMPLE_ARTICLES.find((article) => article.title === "Cancelling your subscription")!.body,
      score: expect.any(Number),
    });
  });

  it("lists articles by title with a part-of-a-word search, title matches first", async () => {
    await seedSampleData(db);
    const all = await listKnowledgeArticles(db);
    expect(all.total).toBe(SAMPLE_ARTICLES.length);
    expect(all.articles.map((article) => article.title)).toEqual(
      [...SAMPLE_ARTICLES.map((article) => article.title)].sort((a, b) =>
        a.toLowerCase().localeCompare(b.toLowerCase()),
      ),
    );
    expect(all.articles.every((article) => article.chunkCount === 1)).toBe(true);

    const found = await listKnowledgeArticles(db, { q: "passw" });
    expect(found.articles[0].title).toBe("Resetting your password");
    const billing = await listKnowledgeArticles(db, { q: "BILLING" });
    // Two titles say "billing"; the others only mention it in their text and come after.
    expect(billing.articles.slice(0, 1).map((article) => article.title)).toEqual([
      "Changing the billing email on your account",
    ]);
    expect(billing.total).toBeGreaterThan(1);
    expect((await listKnowledgeArticles(db, { q: "100%_off" })).total).toBe(0);
  });

  it("refuses a second article with the same title, whatever its case", async () => {
    const first = await createKnowledgeArticle(db, { title: "Returns", body: "Thirty days." });
    await expect(createKnowledgeArticle(db, { title: "RETURNS", body: "Other." })).rejects.toBeInstanceOf(
      DuplicateTitleError,
    );
    const second = await createKnowledgeArticle(db, { title: "Exchanges", body: "Any size." });
    await expect(updateKnowledgeArticle(db, second.id, { title: "returns", body: "Any size." })).rejects.toMatchObject({
      existingId: first.id,
    });
    // Its own title in another case is fine.
    expect(await updateKnowledgeArticle(db, first.id, { title: "RETURNS", body: "Thirty days." })).toMatchObject({
      title: "RETURNS",
    });
    expect(await listKnowledgeArticles(db)).toMatchObject({ total: 2 });
  });

  it("imports Markdown files: creates, updates the article of the same title, and skips what cannot be an article", async () => {
    const first = await importMarkdownFiles(db, [
      { name: "help/returns.md", content: "# Returns\n\nSend items back within 30 days." },
      { name: "help/gift-cards.md", content: "Gift cards never expire." },
      { name: "help/empty.md", content: "# Only a title\n" },
      { name: "help/copy-of-returns.markdown", content: "---\ntitle: returns\n---\nA copy." },
    ]);
    expect(first).toEqual([
      { file: "help/returns.md", status: "created", title: "Returns", articleId: expect.any(String), reason: null },
      {
        file: "help/gift-cards.md",
        status: "created",
        title: "Gift cards",
        articleId: expect.any(String),
        reason: null,
      },
      {
        file: "help/empty.md",
        status: "skipped",
        title: "Only a title",
        articleId: null,
        reason: "The file has no text besides its title.",
      },
      {
        file: "help/copy-of-returns.markdown",
        status: "skipped",
        title: "returns",
        articleId: null,
        reason: "help/returns.md in this import has the same title.",
      },
    ]);
    expect((await chunkRows(db, first[0].articleId!))[0].content).toBe("Send items back within 30 days.");

    const again = await importMarkdownFiles(db, [
      { name: "returns.md", content: "# Returns\n\nSend items back within 60 days." },
      { name: "gift-cards.md", content: "Gift cards never expire." },
    ]);
    expect(again).toMatchObject([
      { status: "updated", articleId: first[0].articleId },
      { status: "unchanged", articleId: first[1].articleId },
    ]);
    expect(await listKnowledgeArticles(db)).toMatchObject({ total: 2 });
    expect((await chunkRows(db, first[0].articleId!))[0].content).toBe("Send items back within 60 days.");
    expect((await searchKnowledge(db, "60 days"))[0].articleId).toBe(first[0].articleId);
  });

  it("chunks articles written before chunks existed, once", async () => {
    const [old] = await db.insert(knowledgeArticles).values({ title: "Store handbook", body: HANDBOOK }).returning();
    expect(await searchKnowledge(db, "send an item back")).toEqual([]);
    expect(await ensureKnowledgeChunks(db)).toBe(1);
    expect((await chunkRows(db, old.id)).length).toBe(chunkArticle(HANDBOOK).length);
    expect((await searchKnowledge(db, "send an item back"))[0].heading).toBe("Returns");
    expect(await ensureKnowledgeChunks(db)).toBe(0);
  });

  it("seeds the sample knowledge base chunked, and only into an empty one", async () => {
    expect(await seedSampleData(db)).toBe(true);
    expect(await seedSampleData(db)).toBe(false);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(knowledgeChunks);
    expect(n).toBe(SAMPLE_ARTICLES.length);
  });
});

describe("upgrading a database that already has articles", () => {
  let dir: string;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("migrates to chunks, and the start-up step makes the old articles searchable by passage", async () => {
    // The migrations as they were before knowledge_chunks: the same folder with the journal cut at 0001.
    dir = mkdtempSync(path.join(tmpdir(), "frontline-migrations-"));
    cpSync(path.join(process.cwd(), "drizzle"), dir, { recursive: true });
    const journalPath = path.join(dir, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    const upgrade = journal.entries.findIndex((entry) => entry.tag.endsWith("_knowledge_chunks"));
    expect(upgrade).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upgrade) }));

    const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
    const db = drizzle(client, { schema }) as unknown as Db;
    try {
      await migrate(db as never, { migrationsFolder: dir });
      await db.execute(
        sql`insert into knowledge_articles (title, body) values ('Store handbook', ${HANDBOOK}), ('Opening hours', 'Open Monday to Friday.')`,
      );
      await migrate(db as never, { migrationsFolder: path.join(process.cwd(), "drizzle") });
      expect(await ensureKnowledgeChunks(db)).toBe(2);
      expect((await searchKnowledge(db, "send an item back"))[0]).toMatchObject({
        title: "Store handbook",
        heading: "Returns",
      });
      expect((await searchKnowledge(db, "opening hours"))[0]).toMatchObject({ title: "Opening hours" });
    } finally {
      await client.close();
    }
  });
});
