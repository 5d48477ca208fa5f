import { expect, placeCall, test } from "./fixtures";

// An app started with Settings → Front empty: the admin connects the Front simulator from the page alone.
test.describe.configure({ mode: "serial" });

let skippedConversationId = "";

test("a Front admin connects the workspace from Settings → Front", async ({ page, request, simUrl }) => {
  await page.goto("/settings/front");
  await expect(page.getByTestId("checklist-step")).toHaveCount(4);
  // Only the settings step is done before any traffic: by default a call's answer is a note for the callback.
  const voiceStep = page.locator('[data-testid="checklist-step"][data-step-id="voice_delivery"]');
  await expect(page.locator('[data-testid="checklist-step"][data-done="true"]')).toHaveCount(1);
  await expect(voiceStep).toHaveAttribute("data-done", "true");
  await expect(voiceStep).toContainText("Calls are answered with an internal note for the callback");
  await expect(page.getByTestId("webhook-url")).toContainText("/api/webhooks/front");

  await page.getByLabel("API token").fill("not-the-token");
  await page.getByRole("button", { name: "Save token" }).click();
  await expect(page.getByTestId("api-token-error")).toContainText("Front rejected this token");

  await page.getByLabel("API token").fill("demo-front-token");
  await page.getByRole("button", { name: "Save token" }).click();
  await expect(page.getByTestId("api-token-saved")).toContainText("Acme");
  await expect(page.getByLabel("API token")).toHaveAttribute("placeholder", /Saved: ••••oken/);

  await page.getByLabel("AI teammate").selectOption("tea_ai01");
  await expect(page.getByTestId("teammate-saved")).toBeVisible();
  await page.getByLabel("App secret").fill("demo-app-secret");
  await page.getByRole("button", { name: "Save app secret" }).click();
  await expect(page.getByLabel("App secret")).toHaveAttribute("placeholder", /Saved:/);

  // Calls are texted back by SMS (Settings → AI → Delivery): until an SMS channel is picked, the checklist says so.
  await page.goto("/settings/ai");
  const voiceSaved = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/api/settings/ai" && response.request().method() === "PUT",
  );
  await page.getByTestId("delivery-voice").selectOption("reply");
  expect((await voiceSaved).ok()).toBeTruthy();
  await page.goto("/settings/front");
  await expect(voiceStep).toHaveAttribute("data-done", "false");
  await expect(voiceStep).toContainText("Pick the SMS channel calls are answered from");
  await expect(voiceStep.getByTestId("checklist-hint")).toContainText(
    "Calls are set to text callers back by SMS, but no SMS channel is picked",
  );
  await page
    .getByTestId("checklist")
    .screenshot({ path: "test-results/screens/settings-front-checklist-voice-todo.png" });
  await voiceStep.getByTestId("checklist-setting").click();
  await expect(page).toHaveURL(/\/settings\/ai#delivery$/);
  const picked = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/api/settings/ai" && response.request().method() === "PUT",
  );
  await page.getByTestId("text-back-channel-select").selectOption("cha_sms1");
  expect((await picked).ok()).toBeTruthy();
  await page.goto("/settings/front");
  await expect(voiceStep).toHaveAttribute("data-done", "true");
  await expect(voiceStep).toContainText("Calls are texted back by SMS from SMS (+18005550199)");

  // The phone integration here is an application channel: its calls arrive as custom messages, taken for web chat
  // until the admin ticks the channel, which the checklist points at. (Unassigned, so the AI leaves them alone.)
  const callStep = page.locator('[data-testid="checklist-step"][data-step-id="call_received"]');
  await placeCall(request, simUrl, {
    from: "+14155550300",
    messageType: "custom",
    text: "Voicemail transcript\nHi, how do I reset my password?",
    assigneeId: null,
  });
  await expect(callStep.getByTestId("checklist-hint")).toContainText("Custom messages arrive", { timeout: 20_000 });
  await expect(callStep).toHaveAttribute("data-done", "false");
  await page.getByTestId("checklist").screenshot({ path: "test-results/screens/settings-front-checklist-custom.png" });
  await callStep.getByTestId("checklist-setting").click();
  const ticked = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/api/settings/front" && response.request().method() === "PUT",
  );
  await page.getByTestId("phone-channel-cha_call1").check();
  expect((await ticked).ok()).toBeTruthy();
  await placeCall(request, simUrl, {
    from: "+14155550300",
    messageType: "custom",
    text: "Voicemail transcript\nHi, how do I reset my password?",
    assigneeId: null,
  });
  await expect(callStep).toHaveAttribute("data-done", "true");

  // Unassigned handling is off: an unassigned call is recorded and skipped.
  const unassignedSwitch = page.getByRole("switch", { name: "Handle unassigned conversations" });
  await expect(unassignedSwitch).toHaveAttribute("aria-checked", "false");
  const first = await placeCall(request, simUrl, {
    from: "+14155550301",
    text: "Voicemail transcript\nHi, how do I reset my password?",
    assigneeId: null,
    answered: false,
  });
  expect(first.delivery.status).toBe(200);
  skippedConversationId = first.conversationId;
  await page.goto("/inbox");
  await expect(
    page.getByTestId("session-row").filter({ hasText: "+14155550301" }).getByTestId("session-status"),
  ).toHaveText("Skipped");

  // Turned on, the next unassigned call is answered.
  await page.goto("/settings/front");
  // The switch shows its new state at once; the call must wait until the save has reached the server.
  const saved = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/api/settings/front" && response.request().method() === "PUT",
  );
  await unassignedSwitch.click();
  await expect(unassignedSwitch).toHaveAttribute("aria-checked", "true");
  expect((await saved).ok()).toBeTruthy();
  await placeCall(request, simUrl, {
    from: "+14155550302",
    text: "Voicemail transcript\nHi, how do I reset my password?",
    assigneeId: null,
    answered: false,
  });
  await page.goto("/inbox");
  await expect(
    page.getByTestId("session-row").filter({ hasText: "+14155550302" }).getByTestId("session-status"),
  ).toHaveText("Answered");

  await page.goto("/settings/front");
  await expect(page.locator('[data-testid="checklist-step"][data-step-id="call_received"]')).toHaveAttribute(
    "data-done",
    "true",
  );
  await expect(page.locator('[data-testid="checklist-step"][data-step-id="ai_processed"]')).toHaveAttribute(
    "data-done",
    "true",
  );
  await expect(page.locator('[data-testid="checklist-step"][data-step-id="handoff_fired"]')).toHaveAttribute(
    "data-done",
    "false",
  );
  await expect(page.getByTestId("webhook-last-verified")).not.toBeEmpty();
});

test("troubleshooting explains the skipped call, and re-running it gets it answered", async ({ page }) => {
  await page.goto("/troubleshooting");
  await page.getByLabel("Front conversation id").fill(skippedConversationId);
  await page.getByRole("button", { name: "Explain" }).click();
  await expect(page).toHaveURL(new RegExp(`conversation=${skippedConversationId}`));
  const firstFailure = page.locator('[data-testid="check"][data-first-failure="true"]');
  await expect(firstFailure).toHaveAttribute("data-check-id", "unassigned_switch");
  await expect(firstFailure).toContainText("passes with today's settings");
  await page.screenshot({ path: "test-results/screens/troubleshooting-explain.png", fullPage: true });
  await expect(page.locator('[data-testid="check"][data-check-id="webhook_received"]')).toHaveAttribute(
    "data-status",
    "passed",
  );

  await page.getByLabel("Decision").selectOption("skipped");
  await expect(page).toHaveURL(/decision=skipped/);
  const rows = page.getByTestId("delivery");
  await expect(rows.first()).toHaveAttribute("data-decision", "skipped");
  const row = rows.filter({ hasText: skippedConversationId });
  await row.getByRole("button", { name: /Re-run/ }).click();
  await row.getByTestId("delivery-rerun-confirm").click();
  await expect(row.getByTestId("delivery-rerun-status")).toContainText("Re-run queued");
  // The re-run is a new attempt, processed; the skipped delivery keeps its record.
  await page.getByLabel("Decision").selectOption("processed");
  const attempt = page.getByTestId("delivery").filter({ hasText: skippedConversationId }).first();
  await expect(attempt).toHaveAttribute("data-decision", "processed");
  await expect(attempt.getByTestId("delivery-rerun-of")).toBeVisible();
  await page.getByLabel("Decision").selectOption("skipped");
  await expect(page.getByTestId("delivery").filter({ hasText: skippedConversationId })).toHaveCount(1);

  await page.goto("/inbox");
  await expect(
    page.getByTestId("session-row").filter({ hasText: "+14155550301" }).getByTestId("session-status"),
  ).toHaveText("Answered");
});

test("a forged delivery shows up as refused, with the reason", async ({ page, request }) => {
  const response = await request.post("/api/webhooks/front", {
    data: { type: "inbound_received", payload: { id: "evt_forged", type: "inbound" } },
    headers: { "x-front-signature": "bm90LWEtc2lnbmF0dXJl", "x-front-request-timestamp": String(Date.now()) },
  });
  expect(response.status()).toBe(401);
  await page.goto("/settings/front");
  await expect(page.getByTestId("webhook-rejected-reason")).toContainText("signature does not match");
});
