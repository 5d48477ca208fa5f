import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, placeCall, test } from "./fixtures";

// An admin's knowledge base journey: write an article in the browser, find it, edit it, import a folder of
// Markdown, delete an import; then a caller asks what the edited article answers, and the session shows the reply
// citing it and the passages the search returned.
test.describe.configure({ mode: "serial" });

// Titles and the caller's number must be new even when a project's database (Postgres) outlives one run.
const run = Date.now().toString(36);
const TITLE = `Bike rentals ${run}`;
const CALLER = `+14155556${String(Date.now() % 1000).padStart(3, "0")}`;
let folder: string;

test.beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "frontline-kb-"));
  writeFileSync(
    path.join(folder, "returning-a-bike.md"),
    `# Returning a bike ${run}\n\nBring the bike back to any of our shops before closing time.\n`,
  );
  writeFileSync(
    path.join(folder, "gift-vouchers.md"),
    `---\ntitle: Gift vouchers ${run}\n---\n\nGift vouchers are valid for two years.\n`,
  );
  writeFileSync(path.join(folder, "logo.png"), "not really a picture");
});

test.afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

test("an admin creates an article, finds it, edits it and sees how it is chunked", async ({ page }) => {
  // A Postgres project's database outlives a run: an earlier run's articles would answer the same question.
  for (const prefix of ["Bike rentals ", "Returning a bike ", "Gift vouchers "]) {
    const { articles } = (await (await page.request.get(`/api/knowledge?q=${encodeURIComponent(prefix)}`)).json()) as {
      articles: { id: string; title: string }[];
    };
    for (const article of articles.filter((item) => item.title.startsWith(prefix)))
      expect((await page.request.delete(`/api/knowledge/${article.id}`)).ok()).toBe(true);
  }

  await page.goto("/settings/knowledge");
  await expect(page.getByRole("heading", { name: "Knowledge", level: 1 })).toBeVisible();
  await expect(page.getByTestId("article-row").first()).toBeVisible();
  await page.getByTestId("article-new").click();
  await expect(page).toHaveURL(/\/settings\/knowledge\/new$/);

  // An empty form is refused with the reasons, before anything is sent.
  await page.getByTestId("article-save").click();
  await expect(page.getByText("Give the article a title.")).toBeVisible();
  await expect(page.getByText("Write the article's text.")).toBeVisible();

  await page.getByLabel("Title").fill(TITLE);
  await page
    .getByLabel("Article text")
    .fill(
      "Rent a city bike by the hour or the day from any of our shops.\n\n## Opening times\n\nThe bike shed opens at 7am and closes at 8pm, every day of the week.",
    );
  await expect(page.getByTestId("chunk-preview")).toHaveAttribute("data-count", "2");
  await expect(page.getByTestId("chunk-heading")).toHaveText(["Opening times"]);
  await page.getByTestId("article-save").click();
  await expect(page).toHaveURL(/\/settings\/knowledge\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByTestId("article-save-status")).toContainText("Article created");
  await expect(page.getByTestId("article-heading")).toHaveText(TITLE);

  // Found from the list by part of its title (a word cut short).
  await page.getByRole("link", { name: "All articles" }).click();
  await page.getByTestId("article-search").fill(`rentals ${run.slice(0, -1)}`);
  await expect(page.getByTestId("article-row")).toHaveCount(1);
  await expect(page.getByTestId("article-count")).toHaveText("1 match");
  await page.getByTestId("article-link").filter({ hasText: TITLE }).click();

  // The edit adds a section: a third passage, under its own heading.
  await expect(page.getByTestId("article-title")).toHaveValue(TITLE);
  const body = page.getByTestId("article-body");
  await body.fill(
    `${await body.inputValue()}\n\n## Helmets\n\nEvery bike rental includes a free helmet in your size. Child seats cost five dollars a day.`,
  );
  await expect(page.getByTestId("article-save-status")).toHaveText("Unsaved changes");
  await expect(page.getByTestId("chunk-heading")).toHaveText(["Opening times", "Helmets"]);
  await page.getByTestId("article-save").click();
  await expect(page.getByTestId("article-save-status")).toContainText("Saved");
  await expect(page.getByTestId("article-heading").locator("..")).toContainText("3 passages saved");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => violation.id),
  ).toEqual([]);

  // A second article with the same title is refused with the reason.
  await page.goto("/settings/knowledge/new");
  await page.getByLabel("Title").fill(TITLE.toUpperCase());
  await page.getByLabel("Article text").fill("Another text.");
  await page.getByTestId("article-save").click();
  await expect(page.getByTestId("article-save-error")).toContainText("already exists");
});

test("an admin imports a folder of Markdown and deletes one of the new articles", async ({ page }) => {
  await page.goto("/settings/knowledge");
  await page.getByTestId("import-folder").setInputFiles(folder);
  const summary = page.getByTestId("import-summary");
  await expect(summary).toHaveText("2 articles created, 0 updated, 0 unchanged, 1 skipped.");
  const outcomes = page.getByTestId("knowledge-import").getByTestId("import-outcome");
  await expect(outcomes.filter({ hasText: `Returning a bike ${run}` })).toHaveAttribute("data-status", "created");
  await expect(outcomes.filter({ hasText: `Gift vouchers ${run}` })).toHaveAttribute("data-status", "created");
  await expect(page.getByTestId("import-not-markdown")).toContainText("logo.png");

  // The same files again, one picked by hand: its article is already there and unchanged.
  await page.getByTestId("import-files").setInputFiles(path.join(folder, "gift-vouchers.md"));
  await expect(summary).toHaveText("0 articles created, 0 updated, 1 unchanged, 0 skipped.");

  await page.getByTestId("article-search").fill(run);
  await expect(page.getByTestId("article-row")).toHaveCount(3);
  await page
    .getByTestId("article-link")
    .filter({ hasText: `Gift vouchers ${run}` })
    .click();
  await page.getByTestId("article-delete").click();
  await page.getByTestId("article-delete-confirm").click();
  await expect(page).toHaveURL(/\/settings\/knowledge\?deleted=/);
  await expect(page.getByTestId("article-deleted")).toContainText(`Deleted “Gift vouchers ${run}”`);
  await page.getByTestId("article-search").fill(run);
  await expect(page.getByTestId("article-row")).toHaveCount(2);
  await expect(page.getByTestId("article-link")).not.toContainText([`Gift vouchers ${run}`]);

  // The agent's own search, tried from the page, finds the edited passage.
  await page.getByTestId("knowledge-try-input").fill("Does a bike rental come with a helmet?");
  await expect(page.getByTestId("knowledge-try").getByTestId("knowledge-result").first()).toContainText("Helmets");

  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => violation.id),
  ).toEqual([]);
});

test("a caller's question is answered from the new article, and the timeline shows the passages returned", async ({
  page,
  request,
  simUrl,
}) => {
  await placeCall(request, simUrl, {
    from: CALLER,
    text: "Voicemail transcript\nHi, does a bike rental come with a helmet? Thanks.",
    answered: false,
    durationSeconds: 20,
    assigneeId: "tea_ai01",
  });
  await page.goto("/inbox");
  const row = page.getByTestId("session-row").filter({ hasText: CALLER });
  await expect(row.getByTestId("session-status")).toHaveText("Answered");
  await row.click();

  await expect(page.locator('[data-testid="message"][data-author="ai"]')).toContainText(
    `From our help article: ${TITLE}`,
  );
  await expect(page.locator('[data-testid="message"][data-author="ai"]')).toContainText("free helmet");
  const search = page.locator('[data-testid="step"][data-tool="search_knowledge_base"]');
  await expect(search.getByTestId("step-summary")).toContainText("passage");
  await search.getByRole("button", { expanded: false }).click();
  const passage = search.getByTestId("knowledge-result").filter({ hasText: TITLE }).filter({ hasText: "Helmets" });
  await expect(passage).toHaveCount(1);
  await expect(passage.getByTestId("knowledge-result-score")).toHaveText(/^Score 0\.\d\d$/);
  await expect(search.getByTestId("tool-result")).toContainText('"heading": "Helmets"');

  // The passage links to its article in Settings.
  await passage.getByTestId("knowledge-result-title").click();
  await expect(page.getByTestId("article-heading")).toHaveText(TITLE);
});
