import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { VIEWER } from "./accounts";
import { expect, placeCall, test } from "./fixtures";

// The dry-run console in Settings and "Re-run with…" on a session page, against the demo app and its offline
// model, which reads the handoff topics from the prompt. Nothing here may reach Front: the simulator's record of
// the app's writes on the re-run conversation is compared before and after.
test.describe.configure({ mode: "serial" });

const CALLER = "+14155550742";
const QUESTION = "Customer: Hi, how do I reset my password? I can't log in.";

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
    ),
  ).toEqual([]);
}

/** What the app has done to a conversation through Front's API, as the simulator counts it. */
async function frontWrites(request: APIRequestContext, simUrl: string, conversationId: string) {
  const state = (await (await request.get(`${simUrl}/_sim/state`)).json()) as {
    counts: Record<string, Record<string, number>>;
  };
  return state.counts[conversationId];
}

let sessionId = "";

test("the console runs a pasted transcript and shows its steps, outcome, tokens and cost", async ({ page }) => {
  await page.goto("/settings/console");
  await expect(page.getByRole("heading", { name: "Console", level: 1 })).toBeVisible();
  await expect(page.getByTestId("settings-tab-console")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("console-idle")).toBeVisible();
  // Prefilled with the model in force.
  await expect(page.getByTestId("console-model")).toHaveValue("local");

  await page.getByTestId("console-run").click();
  await expect(page.getByTestId("console-form-error")).toHaveText("Paste what the customer said first.");

  await page.getByTestId("console-channel").selectOption("voice");
  await page.getByTestId("console-transcript").fill(QUESTION);
  await page.getByTestId("console-run").click();

  const result = page.getByTestId("dry-run-result");
  await expect(page.getByTestId("dry-run-note")).toContainText("Dry run — nothing was sent to Front");
  await expect(result.getByTestId("dry-run-outcome")).toHaveAttribute("data-outcome", "reply");
  await expect(result.getByTestId("outcome-reply")).toContainText("Resetting your password");
  const search = result.locator('[data-testid="step"][data-tool="search_knowledge_base"]');
  await expect(search.getByTestId("tool-arguments")).toContainText("password");
  await expect(search.getByTestId("tool-result")).toContainText("Resetting your password");
  await expect(
    result.locator('[data-testid="step"][data-kind="reasoning"]').first().getByTestId("reasoning-text"),
  ).toContainText("password");
  await expect(result.getByTestId("dry-run-model")).toContainText("Offline model");
  await expect(result.getByTestId("dry-run-tokens")).toHaveText(/\d/);
  await expect(result.getByTestId("dry-run-cost")).toHaveText("$0");

  // A handoff topic changes the outcome, and the prompt shows what the model read.
  await page.getByTestId("console-topics").fill("password resets");
  await page.getByTestId("console-instructions").fill("Send anything about logins to the security desk.");
  await page.getByTestId("console-run").click();
  await expect(result.getByTestId("dry-run-outcome")).toHaveAttribute("data-reason", "prohibited_topic");
  await expect(result.getByTestId("outcome-summary")).toContainText("password");
  await expect(
    result.locator('[data-testid="step"][data-tool="handoff_to_human"]').getByTestId("tool-arguments"),
  ).toContainText("prohibited_topic");
  await result
    .getByTestId("dry-run-prompt")
    .getByRole("button", { name: /What the model read/ })
    .click();
  await expect(result.getByTestId("dry-run-system-prompt")).toContainText(
    "Send anything about logins to the security desk.",
  );
  await expect(result.getByTestId("dry-run-system-prompt")).toContainText("- password resets");
  await expectNoSeriousViolations(page);
});

test("the console explains a model it cannot use", async ({ page }) => {
  await page.goto("/settings/console");
  await page.getByTestId("console-transcript").fill(QUESTION);
  await page.getByTestId("console-model").fill("gpt-4o");
  await page.getByTestId("console-run").click();
  await expect(page.getByTestId("console-error")).toContainText("'gpt-4o' is not a model");
});

test("Re-run with other handoff topics shows the original and the dry run side by side, and sends nothing to Front", async ({
  page,
  request,
  simUrl,
}) => {
  const call = await placeCall(request, simUrl, { from: CALLER, text: QUESTION, assigneeId: "tea_ai01" });
  await page.goto("/inbox");
  const row = page.getByTestId("session-row").filter({ hasText: CALLER });
  await expect(row.getByTestId("session-status")).toHaveText("Answered");
  await row.click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  sessionId = (await page.getByTestId("session-view").getAttribute("data-session-id")) ?? "";
  await expect(page.getByTestId("run-delivery")).toHaveText("Delivered to Front");
  const before = await frontWrites(request, simUrl, call.conversationId);
  expect(before.replies).toBe(1);

  await page.getByTestId("rerun-open").click();
  await expect(page.getByTestId("rerun-model")).toHaveValue("local");
  await expect(page.getByTestId("rerun-turn")).toContainText("reset my password");
  await page.getByTestId("rerun-instructions").fill("Password questions go to the security desk.");
  await page.getByTestId("rerun-topics").fill("password resets");
  await page.getByTestId("rerun-run").click();

  const original = page.getByTestId("rerun-original");
  const rerun = page.getByTestId("rerun-result");
  await expect(original.getByRole("heading", { name: "Original" })).toBeVisible();
  await expect(rerun.getByRole("heading", { name: "Re-run (dry run, not sent)" })).toBeVisible();
  await expect(original.getByTestId("original-outcome")).toHaveAttribute("data-outcome", "reply");
  await expect(original.getByTestId("outcome-reply")).toContainText("Resetting your password");
  await expect(original.getByTestId("run")).toHaveAttribute("data-outcome", "reply");
  await expect(rerun.getByTestId("dry-run-outcome")).toHaveAttribute("data-outcome", "handoff");
  await expect(rerun.getByTestId("dry-run-outcome")).toHaveAttribute("data-reason", "prohibited_topic");
  await expect(rerun.locator('[data-testid="step"][data-tool="handoff_to_human"]')).toBeVisible();
  await expect(page.getByTestId("rerun-comparison").getByTestId("dry-run-note")).toContainText(
    "Dry run — nothing was sent to Front",
  );

  // Two columns on a wide screen: the re-run sits to the right of the original, starting at the same height.
  const [left, right] = [await original.boundingBox(), await rerun.boundingBox()];
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
  expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);
  await expectNoSeriousViolations(page);

  // Stacked on a phone: the re-run comes below the original.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(async () => {
    const [top, bottom] = [await original.boundingBox(), await rerun.boundingBox()];
    expect(bottom!.y).toBeGreaterThanOrEqual(top!.y + top!.height);
  }).toPass();

  // Nothing reached Front, and the session still shows one run.
  expect(await frontWrites(request, simUrl, call.conversationId)).toEqual(before);
  await expect(page.getByTestId("runs").getByTestId("run")).toHaveCount(1);
});

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer sees no Re-run button, and the dry-run API refuses them", async ({ page }) => {
    expect(sessionId, "the re-run test found the session").not.toBe("");
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.1" },
    });
    expect(signIn.status()).toBe(200);
    await page.goto(`/inbox/${sessionId}`);
    await expect(page.getByTestId("session-view")).toBeVisible();
    await expect(page.getByTestId("run")).toHaveCount(1);
    await expect(page.getByTestId("rerun-open")).toHaveCount(0);
    await expect(page.getByTestId("rerun")).toHaveCount(0);
    const refused = await page.request.post("/api/agent/dry-run", { data: { source: { kind: "session", sessionId } } });
    expect(refused.status()).toBe(403);
  });
});
