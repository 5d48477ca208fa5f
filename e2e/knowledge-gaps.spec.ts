import { readFile } from "node:fs/promises";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { VIEWER } from "./accounts";
import { ensureSamples, expect, placeCall, test } from "./fixtures";
import { parseCsv } from "../lib/reports/csv";
import { addDays, utcDate } from "../lib/reports/range";
import type { KnowledgeGapsResponse } from "../lib/reports/knowledge-gaps/types";

// Knowledge gaps from calls whose truth the test knows: 5 questions about one made-up product, 3 about two other
// made-up words together, 1 odd one. The offline model has no article for any of them, so each is handed off for
// insufficient knowledge. The words are new on every run (other specs' gaps may share the table; never these rows).
test.describe.configure({ mode: "serial" });

/** A word no article, stop word or other spec uses; "ux" at the end keeps the stemmer off it. */
function madeUp(base: string): string {
  const letters = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  return `${base}${letters}ux`;
}

const PRODUCT = madeUp("glim"); // 10 letters
const FILE = madeUp("zorpfi"); // 12 letters: leads its pair
const FORMAT = madeUp("qu"); // 8 letters
const ODD = madeUp("flumox"); // 12 letters: longer than "stock"

const PRODUCT_QUESTIONS = [
  `Does the ${PRODUCT} cover spilled coffee?`,
  `How long does the ${PRODUCT} last on a kettle?`,
  `Does the ${PRODUCT} come in teal?`,
  `Is my ${PRODUCT} still valid after moving abroad?`,
  `Can I extend the ${PRODUCT} to three years?`,
];
const FILE_QUESTIONS = [
  `Can I get my ${FILE} as a ${FORMAT}?`,
  `Where do I download the ${FORMAT} of a ${FILE}?`,
  `The ${FILE} ${FORMAT} export is blank?`,
];
const ODD_QUESTION = `Do you stock ${ODD}?`;
const CALLER_BASE = 4_155_553_000 + Math.floor(Math.random() * 900);

const today = utcDate();
const week = { from: addDays(today, -6), to: today };

async function gaps(request: APIRequestContext): Promise<KnowledgeGapsResponse> {
  const response = await request.get(`/api/reports/knowledge-gaps?from=${week.from}&to=${week.to}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as KnowledgeGapsResponse;
}

const sizeOf = (report: KnowledgeGapsResponse, key: string) =>
  report.groups.find((group) => group.key === key)?.sessions ?? 0;

/** The rows of the table as text: words, sessions, then each example. */
async function tableRows(table: Locator): Promise<string[][]> {
  const rows: string[][] = [];
  for (const row of await table.locator("tbody tr").all()) {
    const examples = await row.getByTestId("knowledge-gap-example").allInnerTexts();
    rows.push(
      [
        await row.getByTestId("knowledge-gap-words").innerText(),
        await row.getByTestId("knowledge-gap-drilldown").innerText(),
        ...examples,
        ...Array(3 - examples.length).fill(""),
      ].map((cell) => cell.trim()),
    );
  }
  return rows;
}

async function openGaps(page: Page): Promise<Locator> {
  await page.goto("/reports");
  const table = page.getByTestId("knowledge-gaps-table");
  await expect(table).toBeVisible();
  const showAll = page.getByTestId("knowledge-gaps-show-all");
  if (await showAll.isVisible()) await showAll.click();
  return table;
}

test.beforeAll(async ({ request, simUrl }) => {
  // The demo's samples first, as the other report specs expect them whichever spec runs first.
  await ensureSamples(request, simUrl);
  // Oldest first, so the newest (the examples) are the last ones placed.
  const questions = [...PRODUCT_QUESTIONS, ...FILE_QUESTIONS, ODD_QUESTION];
  for (const [index, question] of questions.entries()) {
    const call = await placeCall(request, simUrl, {
      from: `+1${CALLER_BASE + index * 7}`,
      text: `Call transcript\nCustomer: Hi, ${question}`,
      assigneeId: "tea_ai01",
    });
    expect(call.delivery.status).toBe(200);
  }
  await expect
    .poll(
      async () => {
        const report = await gaps(request);
        return [sizeOf(report, PRODUCT), sizeOf(report, FILE), sizeOf(report, ODD)];
      },
      { timeout: 60_000 },
    )
    .toEqual([5, 3, 1]);
});

test("the table groups the handed-off questions 5 / 3 / 1 under their words, with newest examples linked to their sessions", async ({
  page,
}) => {
  const table = await openGaps(page);
  const product = table.locator(`tr[data-key="${PRODUCT}"]`);
  await expect(product.getByTestId("knowledge-gap-words")).toHaveText(PRODUCT);
  await expect(product.getByTestId("knowledge-gap-drilldown")).toHaveText("5");
  const examples = product.getByTestId("knowledge-gap-example");
  await expect(examples).toHaveCount(3);
  const texts = await examples.allInnerTexts();
  expect(texts.map((text) => text.replace(/^#\d+ /, ""))).toEqual(PRODUCT_QUESTIONS.slice(2).reverse());
  for (const link of await examples.all()) await expect(link).toHaveAttribute("href", /^\/inbox\/[0-9a-f-]{36}$/);

  const file = table.locator(`tr[data-key="${FILE}"]`);
  await expect(file.getByTestId("knowledge-gap-words")).toHaveText(`${FILE} · ${FORMAT}`);
  await expect(file.getByTestId("knowledge-gap-drilldown")).toHaveText("3");
  const odd = table.locator(`tr[data-key="${ODD}"]`);
  await expect(odd.getByTestId("knowledge-gap-words")).toHaveText(`${ODD} · stock`);
  await expect(odd.getByTestId("knowledge-gap-drilldown")).toHaveText("1");

  // An example opens its session: the call with that question.
  const ticket = texts[0].match(/^#(\d+) /)![1];
  await examples.first().click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`#${ticket}`).first()).toBeVisible();
  await expect(page.getByText(PRODUCT_QUESTIONS[4]).first()).toBeVisible();
});

test("a row's count opens the Inbox listing exactly its sessions", async ({ page }) => {
  const table = await openGaps(page);
  for (const [key, count] of [
    [PRODUCT, 5],
    [FILE, 3],
    [ODD, 1],
  ] as const) {
    const link = table.locator(`tr[data-key="${key}"]`).getByTestId("knowledge-gap-drilldown");
    await expect(link).toHaveAttribute(
      "href",
      `/inbox?reason=insufficient_knowledge&outcome=handed_off&from=${week.from}&to=${week.to}&gap=${key}`,
    );
    await link.click();
    await expect(page).toHaveURL(/\/inbox\?/);
    await expect(page.getByTestId("gap-filter")).toContainText(key);
    await expect(page.getByTestId("session-count")).toHaveText(`${count} matching session${count === 1 ? "" : "s"}`);
    await expect(page.getByTestId("session-row")).toHaveCount(count);
    await page.goBack();
  }
});

test("Write an article opens the editor with the group's words and questions", async ({ page }) => {
  const table = await openGaps(page);
  await table.locator(`tr[data-key="${FILE}"]`).getByTestId("knowledge-gap-write").click();
  await expect(page).toHaveURL(/\/settings\/knowledge\/new\?/);
  const title = `${FILE.charAt(0).toUpperCase()}${FILE.slice(1)} ${FORMAT}`;
  await expect(page.getByTestId("article-title")).toHaveValue(title);
  const body = await page.getByTestId("article-body").inputValue();
  for (const question of FILE_QUESTIONS) expect(body).toContain(`- ${question}`);
  expect(body).toContain("3 conversations went to a person");
});

test("Download CSV saves the table's rows", async ({ page }) => {
  const table = await openGaps(page);
  const shown = await tableRows(table);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("knowledge-gaps-download").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`frontline-knowledge-gaps-${week.from}-to-${week.to}.csv`);
  const csv = parseCsv(await readFile((await download.path())!, "utf8"));
  expect(csv[0]).toEqual(["Words", "Sessions", "Example 1", "Example 2", "Example 3"]);
  expect(csv.slice(1)).toEqual(shown);
  expect(csv.slice(1).find((row) => row[0] === PRODUCT)?.[1]).toBe("5");
});

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer reads the table but gets no Write an article link", async ({ page }) => {
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.12" },
    });
    expect(signIn.status()).toBe(200);
    const table = await openGaps(page);
    await expect(table.locator(`tr[data-key="${PRODUCT}"]`).getByTestId("knowledge-gap-drilldown")).toHaveText("5");
    await expect(page.getByTestId("knowledge-gap-write")).toHaveCount(0);
    await expect(page.getByTestId("knowledge-gap-write-compact")).toHaveCount(0);
    await expect(page.getByTestId("knowledge-gaps-description")).toContainText("Only admins can write articles.");
  });
});

test("a range and channel without such handoffs says so", async ({ page, request, simUrl }) => {
  // A thank-you on WhatsApp: a session in the range, and nothing the knowledge base lacked.
  const sent = await request.post(`${simUrl}/_sim/messages`, {
    data: { channel: "whatsapp", from: `+1${CALLER_BASE + 90}`, text: "Thanks so much, that worked!" },
  });
  expect(sent.ok()).toBeTruthy();
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/reports?from=${week.from}&to=${week.to}&channel=whatsapp`)).json()) as {
            totalSessions: number;
          }
        ).totalSessions,
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await page.goto("/reports?channel=whatsapp");
  await expect(page.getByTestId("knowledge-gaps-empty")).toHaveText("No handoffs for missing knowledge in this range");
  await expect(page.getByTestId("knowledge-gaps-download")).toBeDisabled();
});
