import { ensureSamples, expect, placeCall, test } from "./fixtures";

// The demo's sample conversations, placed through the simulator exactly as `npm run demo` does.
test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request, simUrl }) => {
  await ensureSamples(request, simUrl);
});

test("the Inbox lists the demo's calls and emails with channel, status and sentiment", async ({ page }) => {
  await page.goto("/inbox");
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  const rows = page.getByTestId("session-row");
  await expect(rows.filter({ hasText: "+14155550123" })).toHaveCount(1);
  await expect(page.locator('[data-testid="session-row"][data-status="ai_answering"]')).toHaveCount(0);

  const handedOff = page.locator('[data-testid="session-row"][data-status="handed_off"]');
  await expect(handedOff.filter({ hasText: "+14155550123" })).toHaveCount(1);
  await expect(handedOff.filter({ hasText: "+14155550161" })).toHaveCount(1);
  await expect(handedOff.first().getByTestId("channel")).toHaveText("Phone");
  await expect(handedOff.first().getByTestId("session-status")).toHaveText("Handed off");
  await expect(page.locator('[data-testid="session-row"][data-status="answered"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="session-row"][data-status="skipped"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="session-row"][data-channel="email"]').first()).toBeVisible();
  await expect(rows.filter({ hasText: "+14155550123" }).getByTestId("sentiment")).toHaveText(/Frustrated|Angry/);
});

test("a handed-off call shows its reasoning, tool call with arguments and result, summary and sentiment", async ({
  page,
}) => {
  await page.goto("/inbox");
  await page.getByTestId("session-row").filter({ hasText: "+14155550123" }).click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);

  await expect(page.getByTestId("session-header").getByTestId("channel")).toHaveText("Phone");
  await expect(page.getByTestId("call-details")).toContainText("Phone call");
  await expect(page.getByTestId("conversation")).toContainText("charged twice for my March invoice");

  const reasoning = page.locator('[data-testid="step"][data-kind="reasoning"]').first();
  await expect(reasoning.getByTestId("reasoning-text")).toContainText("real person");

  const toolCall = page.locator('[data-testid="step"][data-tool="handoff_to_human"]');
  await expect(toolCall.getByTestId("step-name")).toHaveText("handoff_to_human");
  // Tool calls start folded to one line; opening one shows its arguments and result.
  await expect(toolCall.getByTestId("tool-arguments")).toHaveCount(0);
  await toolCall.getByRole("button", { expanded: false }).click();
  await expect(toolCall.getByTestId("tool-arguments")).toContainText('"reason": "user_requested_human_assistance"');
  await expect(toolCall.getByTestId("tool-result")).toContainText("handedOff");
  await toolCall.getByRole("button", { name: "Pretty" }).click();
  await expect(toolCall.getByTestId("tool-arguments")).toHaveAttribute("data-mode", "pretty");

  const handoff = page.getByTestId("handoff-card");
  await expect(handoff.getByTestId("handoff-summary")).toContainText("charged twice");
  await expect(handoff.getByTestId("sentiment")).toHaveText(/Frustrated|Angry/);
  await expect(handoff.getByTestId("handoff-reason")).toHaveAttribute("data-reason", "user_requested_human_assistance");
  await expect(handoff.getByTestId("handoff-comment-status")).toHaveAttribute("data-done", "true");
  await expect(handoff.getByTestId("handoff-unassign-status")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("open-in-front")).toHaveAttribute("href", /app\.frontapp\.com\/open\/cnv_/);
  await expect(page.getByTestId("event-history").locator('[data-decision="processed"]')).toHaveCount(1);
});

test("an answered voicemail shows the knowledge-base search and the AI's reply", async ({ page }) => {
  await page.goto("/inbox");
  await page.getByTestId("session-row").filter({ hasText: "+14155550188" }).click();
  await expect(page.getByTestId("session-status").first()).toHaveText("Answered");
  const search = page.locator('[data-testid="step"][data-tool="search_knowledge_base"]');
  await page.getByTestId("steps-expand-all").click();
  await expect(search.getByTestId("tool-arguments")).toContainText("password");
  await expect(search.getByTestId("tool-result")).toContainText("Resetting your password");
  await expect(page.locator('[data-testid="message"][data-author="ai"]')).toContainText("Resetting your password");
});

test("a new call appears in the Inbox without a reload", async ({ page, request, simUrl }) => {
  await page.goto("/inbox");
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await placeCall(request, simUrl, {
    from: "+14155559876",
    text: "Voicemail transcript\nHi, what are your opening hours on Saturday?",
    answered: false,
    durationSeconds: 20,
    assigneeId: "tea_ai01",
  });
  const row = page.getByTestId("session-row").filter({ hasText: "+14155559876" });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("session-status")).toHaveText("Answered");
});
