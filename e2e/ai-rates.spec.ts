import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { parseCsv } from "../lib/reports/csv";
import { addDays } from "../lib/reports/range";
import { aiRatesRange, seedAiRateSessions } from "../test/helpers/ai-rate-sessions";
import { expect, test } from "./fixtures";
import { startOwnApp, type OwnApp } from "./own-app";

// The AI's rates on the Reports page against sessions whose answers are worked out by hand in
// test/helpers/ai-rate-sessions.ts (answered, handed off, failed and skipped days ago, then teammates' replies and
// reopens): the tiles show the exact counts and rates, each count opens exactly its sessions in the Inbox, and the
// CSV matches the table. The sessions are backdated, which no live flow can do: so an app of this spec's own.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let app: OwnApp;
const RANGE = aiRatesRange();

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  app = await startOwnApp({
    project: testInfo.project.name,
    name: "ai-rates",
    seed: (db) => seedAiRateSessions(db).then(() => undefined),
  });
});
test.afterAll(async () => {
  await app?.close();
});

async function signIn(page: Page) {
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Email").fill(app.adminEmail);
  await page.getByLabel("Password").fill(app.adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
}

const reportsUrl = (extra = "") => `${app.url}/reports?from=${RANGE.from}&to=${RANGE.to}${extra}`;

/** The names of the sessions the Inbox lists (each session's contact is its name in the test data). */
async function listedNames(page: Page): Promise<string[]> {
  await expect(page.getByTestId("session-count")).toContainText(/matching session/);
  const names = await page.getByTestId("session-row").getByTestId("session-contact").allInnerTexts();
  return names.map((name) => name.trim()).sort();
}

async function tableText(table: Locator): Promise<string[][]> {
  const header = await table.locator("thead th").allInnerTexts();
  const rows: string[][] = [];
  for (const row of await table.locator("tbody tr").all()) rows.push(await row.locator("th, td").allInnerTexts());
  return [header, ...rows].map((cells) => cells.map((cell) => cell.trim()));
}

test("the tiles show each rate, its two counts and the range before", async ({ page }) => {
  await signIn(page);
  await page.goto(reportsUrl());
  const tile = (id: string) => page.getByTestId(`ai-figure-${id}`);
  const expected: Record<string, [string, string]> = {
    involvement: ["82.4%", "14 of 17"],
    ai_resolution: ["41.7%", "5 of 12"],
    durable_resolution: ["20%", "1 of 5"],
    handoff: ["28.6%", "4 of 14"],
    delivery_failure: ["7.1%", "1 of 14"],
    reopen: ["14.3%", "1 of 7"],
  };
  for (const [id, [value, ratio]] of Object.entries(expected)) {
    await expect(tile(id).getByTestId("value"), id).toHaveText(value);
    await expect(tile(id).getByTestId("ratio"), id).toContainText(ratio);
  }
  // The range before: 1 of 3 resolved (33.3%), so 41.7% is 8.3 points up, good news in green; handoffs were 1 of 3
  // (33.3%), now 4 of 14 (28.6%): 4.8 points down, also good news.
  await expect(tile("ai_resolution").getByTestId("change")).toHaveText("▲ 8.3 pts");
  await expect(tile("ai_resolution").getByTestId("change")).toHaveClass(/text-emerald-700/);
  await expect(tile("handoff").getByTestId("change")).toHaveText("▼ 4.8 pts");
  await expect(tile("handoff").getByTestId("change")).toHaveClass(/text-emerald-700/);
  await expect(tile("reopen").getByTestId("change")).toHaveClass(/text-red-700/);
  await expect(page.getByTestId("ai-figure-human-reply").getByTestId("value")).toHaveText("30 min 00 s");
  await expect(page.getByTestId("ai-figure-human-reply")).toContainText(
    "90th percentile 1 h 18 min · 3 of 4 handoffs replied to",
  );

  // The formula is one click away.
  await tile("ai_resolution").getByRole("button", { name: "How “AI resolution” is computed" }).click();
  await expect(
    page.getByRole("note").filter({ hasText: "no teammate reply and no reopen within 3 days" }),
  ).toBeVisible();
  await page.keyboard.press("Escape");
});

test("every count opens the Inbox on exactly the sessions it counts", async ({ page }) => {
  await signIn(page);
  const expected: [string, "numerator" | "denominator", string[]][] = [
    ["ai_resolution", "numerator", ["e1", "e4", "v1", "v12", "v3"]],
    ["ai_resolution", "denominator", ["e1", "e2", "e4", "v1", "v12", "v2", "v3", "v4", "v6", "v7", "v8", "v9"]],
    ["durable_resolution", "numerator", ["v1"]],
    ["durable_resolution", "denominator", ["v1", "v12", "v2", "v3", "v4"]],
    ["reopen", "numerator", ["v4"]],
    ["reopen", "denominator", ["e1", "e4", "v1", "v12", "v2", "v3", "v4"]],
    ["handoff", "numerator", ["e2", "v6", "v7", "v8"]],
    ["delivery_failure", "numerator", ["v9"]],
  ];
  for (const [id, side, names] of expected) {
    await page.goto(reportsUrl());
    const links = page.getByTestId(`ai-figure-${id}`).getByTestId("ratio").getByRole("link");
    await links.nth(side === "numerator" ? 0 : 1).click();
    await expect(page).toHaveURL(/\/inbox\?/);
    expect(await listedNames(page), `${id} ${side}`).toEqual(names);
  }
  // The drill-down says what it is filtered to, and the chip takes the filter off.
  await expect(page.getByTestId("result-filter")).toHaveCount(0);
  await page.goto(reportsUrl());
  await page.getByTestId("ai-figure-ai_resolution").getByTestId("ratio").getByRole("link").first().click();
  await expect(page.getByTestId("result-filter")).toContainText("AI resolved · window 3 days");
  await page.getByRole("button", { name: "Remove the filter AI resolved" }).click();
  await expect(page).not.toHaveURL(/result=/);
});

test("the per-channel table matches its CSV, and a 7-day window judges resolution a week on", async ({ page }) => {
  await signIn(page);
  await page.goto(reportsUrl());
  await page.getByTestId("ai-rates-toggle-table").click();
  const shown = await tableText(page.getByTestId("ai-rates-table"));
  const phone = shown.find((row) => row[0] === "Phone")!;
  expect(phone).toEqual([
    "Phone",
    "10",
    "12",
    "83.3%",
    "3",
    "9",
    "33.3%",
    "1",
    "5",
    "20%",
    "3",
    "30%",
    "1",
    "10%",
    "1",
    "5",
    "20%",
    "2",
    "3600.0",
    "5040.0",
  ]);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ai-rates-download").click()]);
  expect(download.suggestedFilename()).toBe(`frontline-ai-rates-${RANGE.from}-to-${RANGE.to}.csv`);
  const csv = await readFile((await download.path())!, "utf8");
  const expected = shown.map((row) =>
    row.map((cell) => (cell === "—" ? "" : /^[\d,.]+%?$/.test(cell) ? cell.replace(/,/g, "") : cell)),
  );
  expect(parseCsv(csv)).toEqual(expected);

  await page.getByTestId("ai-reasons-toggle-table").click();
  const reasons = await tableText(page.getByTestId("ai-reasons-table"));
  expect(reasons.slice(1).map((row) => [row[1], row[2], row[3]])).toEqual([
    ["insufficient_knowledge", "2", "14.3%"],
    ["error", "1", "7.1%"],
    ["user_requested_human_assistance", "1", "7.1%"],
  ]);

  await page.getByTestId("ai-window").selectOption("168");
  await expect(page).toHaveURL(/[?&]window=168/);
  await expect(page.getByTestId("ai-figure-ai_resolution").getByTestId("value")).toHaveText("20%");
  await expect(page.getByTestId("ai-figure-ai_resolution").getByTestId("ratio")).toContainText("1 of 5");
});

test("the AI over time: each day's bars open the sessions they count, and its table matches", async ({ page }) => {
  await signIn(page);
  await page.goto(reportsUrl());
  const tenDaysAgo = addDays(RANGE.to, -10);
  // v1–v4 were answered that day: v1 and v3 resolved, v2 replied to by a person, v4 reopened.
  const bar = page.locator(
    `[data-testid="ai-trend-chart"] [data-testid="chart-bar"][data-kind="resolution"][data-date="${tenDaysAgo}"]`,
  );
  await expect(bar).toHaveAttribute("data-value", "50%");
  // 0% is drawn (a thin line), apart from a rate not judged yet, which draws no bar: v5, answered yesterday.
  const trendBar = (kind: string, date: string) =>
    page.locator(`[data-testid="ai-trend-chart"] [data-testid="chart-bar"][data-kind="${kind}"][data-date="${date}"]`);
  await expect(trendBar("handoff", tenDaysAgo)).toHaveAttribute("data-value", "0%");
  await expect(trendBar("handoff", addDays(RANGE.to, -1))).toHaveAttribute("data-value", "0%");
  await expect(trendBar("resolution", addDays(RANGE.to, -1))).toHaveCount(0);
  await expect(page.getByTestId("ai-trend-key")).toContainText("A thin line is 0%");
  await page.getByTestId("ai-trend-chart").screenshot({ path: "test-results/screens/reports-ai-trend.png" });
  await page.getByTestId("ai-trend-toggle-table").click();
  const row = page
    .getByTestId("ai-trend-table")
    .locator("tbody tr", { has: page.locator("th", { hasText: tenDaysAgo }) });
  await expect(row.locator("th, td")).toHaveText([tenDaysAgo, "2", "4", "50%", "0", "4", "0%"]);
  await bar.click();
  await expect(page).toHaveURL(/\/inbox\?/);
  expect(await listedNames(page)).toEqual(["v1", "v3"]);
});

test("a session page says what the AI did apart from where the conversation is now, and what people did after", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(reportsUrl());
  await page.getByTestId("ai-figure-handoff").getByTestId("ratio").getByRole("link").first().click();
  await page.getByTestId("session-row").filter({ hasText: "v6" }).click();
  // Handed off by the AI; a teammate replied half an hour later and archived it: resolved now.
  await expect(page.getByTestId("session-header").getByTestId("session-status")).toContainText("Resolved");
  await expect(page.getByTestId("ai-outcome")).toHaveAttribute("data-outcome", "handed_off");
  await expect(page.getByTestId("ai-outcome")).toContainText("AI outcome: Handed off");
  await expect(page.getByTestId("ai-outcome")).toContainText("a teammate replied 30 min 00 s after");
});
