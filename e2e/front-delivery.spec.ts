import { expect, placeCall, test } from "./fixtures";

// Calls as Front really takes them (issue 11): an admin picks the SMS channel callers are texted back from, or leaves
// none and gets a note for the callback; Settings → Front names the token's missing scopes.
test.describe.configure({ mode: "serial" });

const DEMO_DELIVERY = {
  delivery: { voice: "reply" },
  textBackChannel: { id: "cha_sms1", address: "+18005550199", name: "SMS" },
};
/** The simulator's call channel, which the demo picks as a phone channel. */
const DEMO_PHONE_CHANNELS = {
  phoneChannels: [{ id: "cha_call1", name: "Phone calls", address: "voice:+18005550199", inboxId: "inb_phone1" }],
};

test.afterAll(async ({ request, simUrl }) => {
  // The other specs share this app and simulator: put them back as the demo set them.
  expect((await request.put("/api/settings/ai", { data: DEMO_DELIVERY })).ok()).toBeTruthy();
  expect((await request.put("/api/settings/front", { data: DEMO_PHONE_CHANNELS })).ok()).toBeTruthy();
  expect((await request.post(`${simUrl}/_sim/config`, { data: { tokenScopes: null } })).ok()).toBeTruthy();
  expect((await request.post("/api/settings/front/scopes/check")).ok()).toBeTruthy();
});

async function openCallSession(page: import("@playwright/test").Page, caller: string) {
  await page.goto(`/inbox?q=${encodeURIComponent(caller)}`);
  const row = page.getByTestId("session-row").filter({ hasText: caller });
  await expect(row.getByTestId("session-status")).not.toHaveText("AI answering");
  await row.click();
}

test("without an SMS channel a call's answer is a note for the callback; with one, the caller is texted back", async ({
  page,
  request,
  simUrl,
}) => {
  await page.goto("/settings/ai");
  const voice = page.getByTestId("delivery-voice");
  await expect(voice.locator("option")).toHaveText([
    "Text back by SMS",
    "Shared SMS draft for a person to send",
    "Internal note for the callback",
  ]);
  const picker = page.getByTestId("text-back-channel-select");
  await expect(picker.locator("option")).toHaveText(["None: leave a note for the callback", "SMS · +18005550199"]);
  await expect(picker).toHaveValue("cha_sms1");

  const cleared = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/api/settings/ai" && response.request().method() === "PUT",
  );
  await picker.selectOption("");
  expect((await cleared).ok()).toBeTruthy();
  await expect(page.getByTestId("text-back-channel-message")).toHaveText(
    "Pick a channel to text callers back: until then, calls get a note for the callback.",
  );
  await page.screenshot({ path: "test-results/screens/settings-ai-delivery.png", fullPage: true });

  const noted = "+14155550861";
  await placeCall(request, simUrl, {
    from: noted,
    text: "Voicemail transcript\nHi, how do I reset my password? The email never arrives.",
    assigneeId: "tea_ai01",
  });
  await openCallSession(page, noted);
  const note = page.getByTestId("message").filter({ has: page.getByTestId("delivered-as") });
  await expect(note.getByTestId("delivered-as")).toHaveText(`Note left for the callback to ${noted}`);
  await expect(note.getByTestId("message-delivery")).toHaveText("Note for the callback");

  await page.goto("/settings/ai");
  const picked = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/api/settings/ai" && response.request().method() === "PUT",
  );
  await page.getByTestId("text-back-channel-select").selectOption("cha_sms1");
  expect((await picked).ok()).toBeTruthy();
  await page.reload();
  await expect(page.getByTestId("text-back-channel")).toHaveAttribute("data-selected", "cha_sms1");

  const texted = "+14155550862";
  await placeCall(request, simUrl, {
    from: texted,
    text: "Voicemail transcript\nHi, how do I reset my password? The email never arrives.",
    assigneeId: "tea_ai01",
  });
  await openCallSession(page, texted);
  await expect(page.getByTestId("delivered-as")).toHaveText(`Texted back from +18005550199 to ${texted}`);
  await page.screenshot({ path: "test-results/screens/session-texted-back.png", fullPage: true });
  const state = (await (await request.get(`${simUrl}/_sim/state`)).json()) as {
    conversations: {
      recipient: { handle: string } | null;
      replies: { channelId: string | null; to: string[] | null }[];
    }[];
  };
  const conversation = state.conversations.find((candidate) => candidate.recipient?.handle === texted);
  expect(conversation?.replies).toEqual([expect.objectContaining({ channelId: "cha_sms1", to: [texted] })]);
});

test("Settings → Front names a scope the token lacks and what Frontline cannot do without it", async ({
  page,
  request,
  simUrl,
}) => {
  await page.goto("/settings/front");
  await expect(page.getByTestId("token-scopes-summary")).toContainText("The token has every scope Frontline needs.");

  const every = await page
    .getByTestId("token-scope")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-scope")));
  expect(every).toContain("messages:send");
  expect(
    (
      await request.post(`${simUrl}/_sim/config`, {
        data: { tokenScopes: every.filter((scope) => scope !== "messages:send") },
      })
    ).ok(),
  ).toBeTruthy();
  await page.getByTestId("recheck-scopes").click();
  await expect(page.getByTestId("token-scopes")).toHaveAttribute("data-missing", "messages:send");
  await expect(page.locator('[data-testid="token-scope"][data-scope="messages:send"]')).toHaveAttribute(
    "data-state",
    "missing",
  );
  await expect(page.locator('[data-testid="token-scope"][data-scope="messages:send"]')).toContainText(
    "missing: Frontline cannot reply to customers and text callers back",
  );
  await expect(page.getByTestId("token-scopes-summary")).toContainText(
    "The token lacks 1 of the scopes Frontline needs",
  );
  await page.screenshot({ path: "test-results/screens/settings-front-scopes.png", fullPage: true });
});

test("a custom call is a call only on a phone channel the admin ticked in Settings → Front", async ({
  page,
  request,
  simUrl,
}) => {
  const savedFront = () =>
    page.waitForResponse(
      (response) => new URL(response.url()).pathname === "/api/settings/front" && response.request().method() === "PUT",
    );
  await page.goto("/settings/front");
  const section = page.getByTestId("phone-channels-section");
  // Only channels that can carry calls are offered: the simulator's two application (custom) channels.
  await expect(section.getByRole("checkbox")).toHaveCount(2);
  await expect(section.getByRole("listitem")).toHaveText([
    "Custom channel · custom@acme.example · custom",
    "Phone calls · voice:+18005550199 · custom",
  ]);
  const phone = page.getByTestId("phone-channel-cha_call1");
  await expect(phone).toBeChecked();

  let saved = savedFront();
  await phone.uncheck();
  expect((await saved).ok()).toBeTruthy();
  await expect(page.getByTestId("phone-channels-message")).toHaveText(
    "None ticked: custom messages are answered as web chat.",
  );
  const asChat = "+14155550871";
  await placeCall(request, simUrl, {
    from: asChat,
    messageType: "custom",
    text: "Voicemail transcript\nHi, how do I reset my password?",
    assigneeId: "tea_ai01",
  });
  await page.goto(`/inbox?q=${encodeURIComponent(asChat)}`);
  await expect(page.getByTestId("session-row").filter({ hasText: asChat }).getByTestId("channel")).toHaveAttribute(
    "data-channel",
    "web",
  );

  await page.goto("/settings/front");
  saved = savedFront();
  await page.getByTestId("phone-channel-cha_call1").check();
  expect((await saved).ok()).toBeTruthy();
  await page.reload();
  await expect(page.getByTestId("phone-channels")).toHaveAttribute("data-selected", "cha_call1");
  await expect(page.getByTestId("phone-channels-section").getByRole("checkbox")).toHaveCount(2);
  await expect(page.getByTestId("phone-channels-message")).toBeEmpty();
  await page
    .getByTestId("phone-channels-section")
    .screenshot({ path: "test-results/screens/settings-front-phone-channels.png" });

  const asCall = "+14155550872";
  await placeCall(request, simUrl, {
    from: asCall,
    messageType: "custom",
    text: "Voicemail transcript\nHi, how do I reset my password?",
    assigneeId: "tea_ai01",
  });
  await page.goto(`/inbox?q=${encodeURIComponent(asCall)}`);
  await expect(page.getByTestId("session-row").filter({ hasText: asCall }).getByTestId("channel")).toHaveAttribute(
    "data-channel",
    "voice",
  );
});
