import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthUser } from "@/lib/auth/types";
import type { Database } from "@/lib/db/client";
import { knowledgeArticles } from "@/lib/db/schema";
import { MAX_BODY_CHARS, MAX_IMPORT_FILES } from "@/lib/knowledge/validation";
import { createTestDatabase, dbKinds } from "../helpers/db";

// The routes' guard and database are pointed at this file's user and test database; the guard keeps its real
// rules (assertAllowed), so 401 and 403 are the app's own answers.
const current = vi.hoisted(() => ({ user: null as AuthUser | null, db: undefined as unknown }));
vi.mock("@/lib/auth/guard", async () => {
  const { assertAllowed } = await import("@/lib/auth/session-user");
  return {
    requireUser: async () => assertAllowed(current.user),
    requireAdmin: async () => assertAllowed(current.user, "admin"),
  };
});
vi.mock("@/lib/db", () => ({ getDb: async () => current.db }));

const articles = await import("@/app/api/knowledge/route");
const article = await import("@/app/api/knowledge/[id]/route");
const importRoute = await import("@/app/api/knowledge/import/route");
const search = await import("@/app/api/knowledge/search/route");

const ADMIN: AuthUser = { id: "u-admin", email: "admin@frontline.test", name: "Admin", role: "admin" };
const VIEWER: AuthUser = { id: "u-viewer", email: "viewer@frontline.test", name: "Viewer", role: "viewer" };
const BASE = "http://frontline.test/api/knowledge";

const json = (url: string, method: string, body: unknown) =>
  new Request(url, {
    method,
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function answer(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

describe.each(dbKinds())("knowledge API on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    current.db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    current.user = ADMIN;
    await database.db.delete(knowledgeArticles);
  });

  it("creates, finds, reads, saves and deletes an article, with its chunks", async () => {
    const created = await answer(
      await articles.POST(
        json(BASE, "POST", {
          title: "  Gift cards ",
          body: "## Expiry\n\nGift cards never expire.\n\n## Balance\n\nCheck the balance on the card's page.",
        }),
      ),
    );
    expect(created.status).toBe(201);
    const { article: saved, chunks } = created.body as {
      article: { id: string; title: string };
      chunks: { heading: string }[];
    };
    expect(saved.title).toBe("Gift cards");
    expect(chunks.map((chunk) => chunk.heading)).toEqual(["Expiry", "Balance"]);

    const listed = await answer(await articles.GET(new Request(`${BASE}?q=gift`)));
    expect(listed.body).toMatchObject({ total: 1, articles: [{ id: saved.id, title: "Gift cards", chunkCount: 2 }] });
    expect((await answer(await articles.GET(new Request(`${BASE}?q=nothing-like-this`)))).body).toMatchObject({
      total: 0,
      articles: [],
    });

    const updated = await answer(
      await article.PUT(
        json(`${BASE}/${saved.id}`, "PUT", { title: "Gift cards", body: "Gift cards never expire." }),
        params(saved.id),
      ),
    );
    expect(updated.status).toBe(200);
    expect(updated.body.chunks).toMatchObject([{ position: 0, heading: null, content: "Gift cards never expire." }]);

    const found = await answer(
      await search.GET(new Request(`${BASE}/search?q=${encodeURIComponent("do gift cards expire")}`)),
    );
    expect(found.body.results).toMatchObject([
      { articleId: saved.id, title: "Gift cards", content: "Gift cards never expire." },
    ]);

    expect((await answer(await article.DELETE(new Request(`${BASE}/${saved.id}`), params(saved.id)))).body).toEqual({
      deleted: { id: saved.id, title: "Gift cards" },
    });
    const gone = await answer(await article.GET(new Request(`${BASE}/${saved.id}`), params(saved.id)));
    expect(gone).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });

  it("lets a viewer read but not write, and nobody signed out", async () => {
    const created = await answer(await articles.POST(json(BASE, "POST", { title: "Returns", body: "Thirty days." })));
    const id = (created.body.article as { id: string }).id;
    current.user = VIEWER;
    expect((await articles.GET(new Request(BASE))).status).toBe(200);
    expect((await article.GET(new Request(`${BASE}/${id}`), params(id))).status).toBe(200);
    expect((await search.GET(new Request(`${BASE}/search?q=returns`))).status).toBe(200);
    const refusals = [
      await articles.POST(json(BASE, "POST", { title: "New", body: "Text." })),
      await article.PUT(json(`${BASE}/${id}`, "PUT", { title: "Returns", body: "Sixty days." }), params(id)),
      await article.DELETE(new Request(`${BASE}/${id}`), params(id)),
      await importRoute.POST(json(`${BASE}/import`, "POST", { files: [{ name: "a.md", content: "A." }] })),
    ];
    expect(refusals.map((response) => response.status)).toEqual([403, 403, 403, 403]);
    current.user = null;
    expect((await articles.GET(new Request(BASE))).status).toBe(401);
    expect((await article.GET(new Request(`${BASE}/${id}`), params(id))).status).toBe(401);
  });

  it("explains what is wrong with an article in a 4xx, never a stack trace", async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ title: "   ", body: "Text." }, 422, /^title: Give the article a title\.$/],
      [{ body: "Text." }, 422, /^title: Give the article a title\.$/],
      [{ title: "Empty", body: "" }, 422, /^body: Write the article's text\.$/],
      [{ title: "x".repeat(201), body: "Text." }, 422, /^title: Keep the title to 200 characters or fewer\.$/],
      [
        { title: "Long", body: "word ".repeat(MAX_BODY_CHARS / 5 + 10) },
        422,
        /^body: The article is too long: keep it to 50,000 characters or fewer/,
      ],
      ["{not json", 400, /^The body is not valid JSON\.$/],
    ];
    for (const [body, status, message] of cases) {
      const result = await answer(await articles.POST(json(BASE, "POST", body)));
      expect(result.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(result.body.error?.message).toMatch(message);
    }
    await articles.POST(json(BASE, "POST", { title: "Returns", body: "Thirty days." }));
    const duplicate = await answer(await articles.POST(json(BASE, "POST", { title: "returns", body: "Other." })));
    expect(duplicate).toMatchObject({
      status: 409,
      body: {
        error: {
          code: "duplicate_title",
          message: expect.stringContaining('An article titled "returns" already exists.'),
        },
      },
    });

    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(
      (await article.PUT(json(`${BASE}/${unknown}`, "PUT", { title: "A", body: "B" }), params(unknown))).status,
    ).toBe(404);
    expect((await article.GET(new Request(`${BASE}/not-a-uuid`), params("not-a-uuid"))).status).toBe(404);
    expect((await article.DELETE(new Request(`${BASE}/${unknown}`), params(unknown))).status).toBe(404);
    expect((await answer(await search.GET(new Request(`${BASE}/search?q=`)))).body.error?.message).toBe(
      "q: Type a question to search for.",
    );
  });

  it("imports Markdown files and refuses non-Markdown files, too many files or none", async () => {
    const imported = await answer(
      await importRoute.POST(
        json(`${BASE}/import`, "POST", {
          files: [
            { name: "kb/returns.md", content: "# Returns\n\nSend items back within 30 days." },
            { name: "kb/blank.md", content: "" },
          ],
        }),
      ),
    );
    expect(imported.status).toBe(200);
    expect(imported.body.outcomes).toMatchObject([
      { file: "kb/returns.md", status: "created", title: "Returns" },
      { file: "kb/blank.md", status: "skipped", reason: "The file has no text besides its title." },
    ]);
    const reimported = await answer(
      await importRoute.POST(
        json(`${BASE}/import`, "POST", {
          files: [{ name: "returns.MD", content: "# Returns\n\nSend items back within 60 days." }],
        }),
      ),
    );
    expect(reimported.body.outcomes).toMatchObject([
      { status: "updated", articleId: (imported.body.outcomes as { articleId: string }[])[0].articleId },
    ]);

    const notMarkdown = await answer(
      await importRoute.POST(
        json(`${BASE}/import`, "POST", {
          files: [
            { name: "a.md", content: "A." },
            { name: "kb/logo.png", content: "\u0089PNG" },
          ],
        }),
      ),
    );
    expect(notMarkdown).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "not_markdown",
          message: "Only Markdown files (.md or .markdown) can be imported; kb/logo.png is not.",
        },
      },
    });
    const tooMany = Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, index) => ({
      name: `a${index}.md`,
      content: "A.",
    }));
    expect(
      (await answer(await importRoute.POST(json(`${BASE}/import`, "POST", { files: tooMany })))).body.error?.message,
    ).toBe("files: Import at most 100 files at a time.");
    expect(
      (await answer(await importRoute.POST(json(`${BASE}/import`, "POST", { files: [] })))).body.error?.message,
    ).toBe("files: Choose at least one Markdown file.");
    expect((await answer(await importRoute.POST(json(`${BASE}/import`, "POST", {})))).body.error?.message).toBe(
      "files: Send the files to import.",
    );
    // Nothing of the refused imports was written.
    expect((await answer(await articles.GET(new Request(BASE)))).body.total).toBe(1);
  });
});
