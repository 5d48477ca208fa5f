import { readFile } from "node:fs/promises";
import type { APIRequestContext, Locator } from "@playwright/test";
import { parseCsv } from "../lib/reports/csv";
import { addDays, formatDay, formatRange, utcDate } from "../lib/reports/range";
import type { ChannelReport } from "../lib/reports/types";
import { expect, test } from "./fixtures";

// Reports over the demo's sample conversations (5 calls, 2 emails, 1 SMS; 2 calls handed off, 1 skipped), placed
// through the simulator when this app has none yet today. Other specs may add sessions: counts are lower bounds.
test.describe.configure({ mode: "serial" });

const CHARTS = ["volume-chart", "outcomes-chart", "reasons-chart", "sentiment-chart", "response-time-chart"] as const;
const SECTIONS = ["volume", "outcomes", "reasons", "sentiment", "response-times"] as const;

/** The last 7 UTC days, as the page's default range. */
function lastWeek() {
  const to = utcDate();
  return { from: addDays(to, -6), to };
}

async function todaysReport(request: APIRequestContext): Promise<ChannelReport> {
  const today = utcDate();
  const response = await request.get(`/api/reports?from=${today}&to=${today}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as ChannelReport;
}

/** The table's words: header row, then each row's cells. */
async function tableText(table: Locator): Promise<string[][]> {
  const header = await table.locator("thead th").allInnerTexts();
  const rows: string[][] = [];
  for (const row of await table.locator("tbody tr").all()) rows.push(await row.locator("th, td").allInnerTexts());
  return [header, ...rows].map((cells) => cells.map((cell) => cell.trim()));
}

// The request fixture carries the project's signed-in storage state, like the page.
test.beforeAll(async ({ request, simUrl }) => {
  if ((await todaysReport(request)).totalSessions < 8) {
    const response = await request.post(`${simUrl}/_sim/samples`);
    expect(response.ok()).toBeTruthy();
  }
  // Wait until the AI has finished with every sample: none left in progress, both handoffs delivered.
  await expect
    .poll(
      async () => {
        const report = await todaysReport(request);
        return (
          report.totalSessions >= 8 &&
          report.outcomes.all.counts.ai_answering === 0 &&
          report.responseTimes.all.runs >= 6 &&
          report.handoffReasons.length > 0
        );
      },
      { timeout: 60_000 },
    )
    .toBe(true);
});

test("every chart renders the sample sessions, with Phone for voice and a table of its numbers", async ({ page }) => {
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page.getByTestId("range-7d")).toHaveAttribute("aria-pressed", "true");
  const { from, to } = lastWeek();
  await expect(page.getByTestId("report")).toBeVisible();

  for (const chart of CHARTS) {
    const bars = page.getByTestId(chart).getByTestId("chart-bar");
    await expect(bars.first()).toBeVisible();
    expect(await bars.count(), chart).toBeGreaterThan(0);
  }
  // Bars carry stable accessible names; voice is "Phone" everywhere.
  await expect(
    page.getByRole("img", { name: new RegExp(`^Phone, ${formatDay(to, { year: true })} \\(UTC\\): \\d+ sessions$`) }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: /^Phone, Handed off: \d+ sessions? \(/ })).toBeVisible();
  const involvement = await page.getByTestId("ai-figure-involvement").getByTestId("ratio").innerText();
  expect(Number(/ of ([\d,]+) sessions/.exec(involvement)![1].replace(/,/g, ""))).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: "test-results/screens/reports.png", fullPage: true });

  for (const section of SECTIONS) {
    await page.getByTestId(`${section}-toggle-table`).click();
    const table = page.getByTestId(`${section}-table`);
    await expect(table).toBeVisible();
    expect(await table.locator("tbody tr").count(), section).toBeGreaterThan(0);
    await expect(table.locator("tbody th", { hasText: /^voice$/ })).toHaveCount(0);
  }
  const volume = page.getByTestId("volume-table");
  await expect(volume.locator("thead th").nth(1)).toHaveText("Phone");
  const todayRow = volume.locator("tbody tr", { has: page.locator("th", { hasText: to }) });
  expect(Number(await todayRow.locator("td").first().innerText())).toBeGreaterThanOrEqual(5);
  await expect(volume.locator("tbody tr").first().locator("th")).toHaveText(from);
  await expect(page.getByTestId("outcomes-table").locator("tbody tr", { hasText: "Phone" }).first()).toContainText(
    "Phone",
  );
  await expect(page.getByTestId("reasons-table")).toContainText("The customer asked for a person");

  // Each number explains itself.
  const info = page.getByRole("button", { name: "How “Where conversations are now” is computed" });
  await info.click();
  await expect(page.getByRole("note").filter({ hasText: "sessions that reached an outcome" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(info).toHaveAttribute("aria-expanded", "false");
});

test("clicking a segment opens the Inbox filtered to those sessions", async ({ page }) => {
  const { from, to } = lastWeek();
  await page.goto("/reports");
  const handedOff = page.locator(
    '[data-testid="outcomes-chart"] [data-testid="chart-bar"][data-channel="voice"][data-status="handed_off"]',
  );
  await expect(handedOff).toHaveAttribute("data-href", `/inbox?channel=voice&status=handed_off&from=${from}&to=${to}`);
  await handedOff.click();
  await expect(page).toHaveURL(
    (url) => url.pathname === "/inbox" && url.search === `?channel=voice&status=handed_off&from=${from}&to=${to}`,
  );

  await page.goto("/reports");
  const reason = page.locator(
    '[data-testid="reasons-chart"] [data-testid="chart-bar"][data-channel="voice"][data-reason="user_requested_human_assistance"]',
  );
  await reason.click();
  await expect(page).toHaveURL(
    (url) =>
      url.pathname === "/inbox" &&
      url.search === `?channel=voice&reason=user_requested_human_assistance&from=${from}&to=${to}`,
  );

  await page.goto("/reports");
  const day = page.locator(
    `[data-testid="volume-chart"] [data-testid="chart-bar"][data-channel="email"][data-date="${to}"]`,
  );
  await day.click();
  await expect(page).toHaveURL(
    (url) => url.pathname === "/inbox" && url.search === `?channel=email&from=${to}&to=${to}`,
  );

  // The same drill-down from the table, for keyboard users.
  await page.goto("/reports");
  await page.getByTestId("sentiment-toggle-table").click();
  const sentimentLink = page
    .getByTestId("sentiment-table")
    .getByTestId("drilldown-link")
    .filter({ hasText: /\d/ })
    .first();
  const href = await sentimentLink.getAttribute("href");
  expect(href).toMatch(new RegExp(`^/inbox\\?(channel=\\w+&)?(sentiment=\\w+&)?from=${from}&to=${to}$`));
  await sentimentLink.press("Enter");
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === href);
});

test("Download CSV saves the table's numbers", async ({ page }) => {
  const { from, to } = lastWeek();
  await page.goto("/reports");
  for (const section of ["outcomes", "reasons", "response-times"] as const) {
    await page.getByTestId(`${section}-toggle-table`).click();
    const shown = await tableText(page.getByTestId(`${section}-table`));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId(`${section}-download`).click(),
    ]);
    const dataset = { outcomes: "outcomes", reasons: "handoff-reasons", "response-times": "time-to-reply" }[section];
    expect(download.suggestedFilename()).toBe(`frontline-${dataset}-${from}-to-${to}.csv`);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.endsWith("\r\n")).toBe(true);
    // Counts are written without thousands separators; "—" (no value) is an empty field.
    const expected = shown.map((row) =>
      row.map((cell) => (cell === "—" ? "" : /^[\d,.]+%?$/.test(cell) ? cell.replace(/,/g, "") : cell)),
    );
    expect(parseCsv(csv)).toEqual(expected);
  }
});

test("the range and channel live in the URL; a range without sessions says so", async ({ page }) => {
  await page.goto("/reports");
  await page.getByTestId("range-30d").click();
  await expect(page).toHaveURL(/[?&]range=30d/);
  await expect(page.getByTestId("range-30d")).toHaveAttribute("aria-pressed", "true");
  const { to } = lastWeek();
  await expect(page.getByTestId("report-range")).toContainText(`${formatRange(addDays(to, -29), to)} · UTC days`);

  await page.getByTestId("report-channel").selectOption("voice");
  await expect(page).toHaveURL(/[?&]channel=voice/);
  await expect(
    page.locator('[data-testid="volume-chart"] [data-testid="chart-bar"]:not([data-channel="voice"])'),
  ).toHaveCount(0);
  await expect(
    page.locator('[data-testid="volume-chart"] [data-testid="chart-bar"][data-channel="voice"]').first(),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("report-channel")).toHaveValue("voice");

  await page.getByTestId("range-custom").click();
  await page.getByTestId("custom-from").fill("2001-01-01");
  await page.getByTestId("custom-to").fill("2001-01-31");
  await page.getByTestId("custom-apply").click();
  await expect(page).toHaveURL(/from=2001-01-01&to=2001-01-31/);
  await expect(page.getByTestId("reports-empty")).toContainText("No Phone sessions for Jan 1 – Jan 31, 2001");
  await page.getByTestId("reports-widen").click();
  await expect(page).toHaveURL(/range=90d/);
  await expect(page.getByTestId("report")).toBeVisible();
});
