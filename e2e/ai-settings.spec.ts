import { expect, placeCall, test } from "./fixtures";

// Settings → AI in the browser: what an admin saves reaches the next run, and the session page shows its cost.
test.describe.configure({ mode: "serial" });

const DEFAULTS = {
  instructions: "",
  handoffTopics: [],
  redactionPatterns: [],
  delivery: { sms: "reply" },
  maxSteps: 6,
};

test.afterAll(async ({ request }) => {
  // The other specs share this app: put the AI back as it was.
  const reset = await request.put("/api/settings/ai", { data: DEFAULTS });
  expect(reset.ok()).toBeTruthy();
});

test("instructions and a handoff topic saved in Settings → AI send the next matching call to a person", async ({
  page,
  request,
  simUrl,
}) => {
  await page.goto("/settings/ai");
  await expect(page.getByRole("heading", { name: "AI", exact: true })).toBeVisible();
  await expect(page.getByTestId("settings-tab-ai")).toHaveAttribute("aria-current", "page");

  await page.getByTestId("instructions-input").fill("Sign off as the Acme support team.");
  await page.getByTestId("handoff-topics-input").fill("warranty claim or damaged device\n\nlegal action");
  await page.getByTestId("guidance-save").click();
  await expect(page.getByTestId("guidance-saved")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("instructions-input")).toHaveValue("Sign off as the Acme support team.");
  await expect(page.getByTestId("handoff-topics-input")).toHaveValue("warranty claim or damaged device\nlegal action");

  const call = await placeCall(request, simUrl, {
    from: "+14155550777",
    text: "Call transcript\nCustomer: Hi, I'd like to make a warranty claim for my speaker, it stopped working.",
    assigneeId: "tea_ai01",
  });
  expect(call.delivery.status).toBe(200);

  await page.goto("/inbox?q=%2B14155550777");
  const row = page.getByTestId("session-row").filter({ hasText: "+14155550777" });
  await expect(row.getByTestId("session-status")).toHaveText("Handed off");
  await row.click();
  await expect(page.getByTestId("handoff-reason")).toHaveAttribute("data-reason", "prohibited_topic");
  await expect(page.getByTestId("run-cost")).toHaveText("$0");
  await expect(page.getByTestId("session-cost")).toContainText("Session total: $0");
  await expect(page.getByText(/one of the team's handoff topics/).first()).toBeAttached();
});

test("redaction patterns preview what the model sees, and delivery, limits and prices are saved", async ({ page }) => {
  await page.goto("/settings/ai");
  await page.getByTestId("redaction-add").click();
  await page.getByLabel("Pattern 1 name").fill("member id");
  await page.getByLabel("Pattern 1 regular expression").fill("[bad");
  await expect(page.getByText("Not a valid regular expression.")).toBeVisible();
  await expect(page.getByTestId("redaction-save")).toBeDisabled();
  await page.getByLabel("Pattern 1 regular expression").fill("\\bM-\\d{6}\\b");
  await expect(page.getByTestId("redaction-preview")).toHaveText(
    "My card is [card number ending 4242] and my member id is [member id].",
  );
  await page.getByTestId("redaction-save").click();
  await expect(page.getByTestId("redaction-saved")).toBeVisible();

  const saved = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/api/settings/ai" && response.request().method() === "PUT",
  );
  await page.getByTestId("delivery-sms").selectOption("draft");
  expect((await saved).ok()).toBeTruthy();

  await page.getByTestId("limits-steps").fill("1");
  await page.getByTestId("limits-save").click();
  await expect(page.getByTestId("limits-error")).toContainText("maxSteps");
  await page.getByTestId("limits-steps").fill("8");
  await page.getByTestId("limits-save").click();
  await expect(page.getByTestId("limits-saved")).toBeVisible();

  await page.getByTestId("price-add").click();
  const newRow = page.getByTestId("price-row").last();
  await newRow.getByRole("textbox").first().fill("openai:gpt-5-mini");
  await newRow.getByRole("textbox").nth(1).fill("0.25");
  await newRow.getByRole("textbox").nth(2).fill("2");
  await page.getByTestId("prices-save").click();
  await expect(page.getByTestId("prices-saved")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("redaction-pattern")).toHaveCount(1);
  await expect(page.getByTestId("delivery-sms")).toHaveValue("draft");
  await expect(page.getByTestId("limits-steps")).toHaveValue("8");
  await expect(
    page.getByTestId("price-row").filter({ has: page.locator('input[value="openai:gpt-5-mini"]') }),
  ).toHaveCount(1);

  // The offline model answers the check without a key.
  await page.getByTestId("model-check").click();
  await expect(page.getByTestId("model-check-result")).toContainText(/answered in [\d.]+ m?s/);
});

test("an OpenAI-compatible model needs its base URL; the key is kept masked", async ({ page, request }) => {
  await page.goto("/settings/ai");
  await page.getByTestId("model-provider").selectOption("openai-compatible");
  await page.getByTestId("model-id").fill("llama3.1");
  await page.getByTestId("model-save").click();
  await expect(page.getByTestId("model-error")).toContainText("needs its base URL");

  await page.getByTestId("model-base-url").fill("http://127.0.0.1:9/v1");
  await page.getByTestId("model-api-key").fill("sk-e2e-secret-value");
  await page.getByTestId("model-save").click();
  await expect(page.getByTestId("model-saved")).toBeVisible();
  await expect(page.getByTestId("model-api-key")).toHaveAttribute("placeholder", /Saved: .*alue$/);
  const body = await (await request.get("/api/settings/ai")).text();
  expect(body).not.toContain("sk-e2e-secret-value");

  // Nothing listens there: the check says so instead of a customer finding out.
  await page.getByTestId("model-check").click();
  await expect(page.getByTestId("model-check-result")).toContainText("failed");

  await page.getByTestId("model-provider").selectOption("local");
  await page.getByTestId("model-save").click();
  await expect(page.getByTestId("model-saved")).toBeVisible();
});
