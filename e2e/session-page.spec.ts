import type { Page } from "@playwright/test";
import { expect, placeCall, test } from "./fixtures";

// The session page for a lead reading a long call: the transcript folds, tool calls sit at one line until opened,
// the handoff comes first on a phone, Front's comment reads as Front shows it, and Back returns to the filtered Inbox.

const CALLER = "+14155550788";
const LONG_TRANSCRIPT = [
  "Call transcript (6m40s)",
  "Customer: Hi, I was charged twice for my March invoice and I've called three times already.",
  ...Array.from({ length: 14 }, (_, index) =>
    index % 2 === 0
      ? `Agent: Let me check that for you, step ${index + 1}.`
      : `Customer: I already gave you that, it is the same card as before (${index}).`,
  ),
  "Customer: No. I want to talk to a real person right now, this is ridiculous.",
].join("\n");

let sessionPath = "";

async function openSession(page: Page) {
  await page.goto(sessionPath);
  await expect(page.getByTestId("session-view")).toBeVisible();
}

test.beforeAll(async ({ request, simUrl, browser }, testInfo) => {
  await placeCall(request, simUrl, {
    from: CALLER,
    text: LONG_TRANSCRIPT,
    durationSeconds: 400,
    assigneeId: "tea_ai01",
  });
  const page = await browser.newPage({
    baseURL: testInfo.project.use.baseURL,
    storageState: testInfo.project.use.storageState as string,
  });
  await page.goto(`/inbox?q=${encodeURIComponent(CALLER)}`);
  const row = page.getByTestId("session-row").filter({ hasText: CALLER });
  await expect(row.getByTestId("session-status")).toHaveText("Handed off");
  sessionPath = new URL((await row.getAttribute("href"))!, "http://x").pathname;
  await page.close();
});

test("a long transcript is folded until opened", async ({ page }) => {
  await openSession(page);
  const transcript = page.locator('[data-testid="message"][data-author="customer"]').getByTestId("message-text");
  await expect(transcript).toHaveAttribute("data-folded", "true");
  const folded = (await transcript.boundingBox())!.height;
  const toggle = page.getByTestId("message-toggle");
  await expect(toggle).toHaveText(/Show all 17 lines/);
  await toggle.click();
  await expect(transcript).toHaveAttribute("data-folded", "false");
  expect((await transcript.boundingBox())!.height).toBeGreaterThan(folded * 2);
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await toggle.click();
  await expect(transcript).toHaveAttribute("data-folded", "true");
});

test("tool calls and knowledge results sit at a one-line summary until opened; expand all and collapse all", async ({
  page,
}) => {
  await openSession(page);
  const tools = page.locator('[data-testid="step"][data-kind="tool_call"]');
  await expect(tools.first()).toBeVisible();
  const toolCount = await tools.count();
  const handoff = page.locator('[data-testid="step"][data-tool="handoff_to_human"]');
  await expect(handoff.getByTestId("step-summary")).toContainText('reason: "user_requested_human_assistance"');
  await expect(page.getByTestId("tool-arguments")).toHaveCount(0);
  await expect(page.getByTestId("knowledge-result")).toHaveCount(0);
  // The model's own words stay open.
  await expect(page.getByTestId("reasoning-text").first()).toBeVisible();

  await handoff.getByRole("button", { expanded: false }).click();
  await expect(handoff.getByTestId("tool-arguments")).toContainText("user_requested_human_assistance");
  await expect(page.getByTestId("tool-arguments")).toHaveCount(1);

  await page.getByTestId("steps-expand-all").click();
  await expect(page.getByTestId("tool-arguments")).toHaveCount(toolCount);
  await page.getByTestId("steps-collapse-all").click();
  await expect(page.getByTestId("tool-arguments")).toHaveCount(0);
  await expect(page.getByTestId("reasoning-text")).toHaveCount(0);
});

test("the Front comment preview renders its Markdown", async ({ page }) => {
  await openSession(page);
  const comment = page.getByTestId("handoff-card").getByTestId("handoff-comment");
  await expect(comment.locator("strong").first()).toHaveText("Frontline AI handed this conversation to the team.");
  await expect(comment.locator("code")).toHaveText("user_requested_human_assistance");
  await expect(comment.getByRole("link", { name: "Open the session in Frontline" })).toHaveAttribute(
    "href",
    new RegExp(`${sessionPath}$`),
  );
  await expect(comment).not.toContainText("**");
});

test("at 1440 px the handoff heads the side column; at 390 px it comes first", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openSession(page);
  const card = page.getByTestId("handoff-card");
  const conversation = page.getByTestId("conversation");
  await expect(card).toBeVisible();
  expect((await card.boundingBox())!.x).toBeGreaterThan(
    (await conversation.boundingBox())!.x + (await conversation.boundingBox())!.width,
  );
  await page.screenshot({ path: ".data/shots/session-1440.png" });

  await page.setViewportSize({ width: 390, height: 844 });
  await openSession(page);
  expect((await card.boundingBox())!.y).toBeLessThan((await conversation.boundingBox())!.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: ".data/shots/session-390.png" });
});

test("the Back link returns to the Inbox with its filters", async ({ page }) => {
  await page.goto("/inbox?channel=voice&status=handed_off&q=%2B14155550788");
  const row = page.getByTestId("session-row").filter({ hasText: CALLER });
  await row.click();
  await expect(page.getByTestId("session-view")).toBeVisible();
  await page.getByTestId("back-to-inbox").first().click();
  await expect(page).toHaveURL(/\/inbox\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("channel")).toBe("voice");
  expect(url.searchParams.get("status")).toBe("handed_off");
  expect(url.searchParams.get("q")).toBe("+14155550788");
  await expect(page.getByTestId("filter-status")).toHaveValue("handed_off");
});
