import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, placeCall, test } from "./fixtures";

// The Inbox's saved views, filters and search against the demo's sample conversations, plus calls this spec places
// through the Front simulator (each run marks its own with a word nobody else writes). Other specs and the sample
// data may add sessions, so every check is "every row matches" and "this session is there", never a total.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
/** Words only this run's calls contain, for the search and the pages. */
const PAGER = `kumquat${run}`;
const LIVE = `quince${run}`;
const CHARGED = "+14155550123";

function phone(): string {
  return `+1628${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
}

interface ApiSession {
  id: string;
  ticketNumber: number;
  frontConversationId: string;
  contactHandle: string | null;
  status: string;
  channel: string;
}

async function apiSessions(request: APIRequestContext, query: string): Promise<ApiSession[]> {
  const response = await request.get(`/api/sessions?${query}`);
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { sessions: ApiSession[] }).sessions;
}

/** Every row on screen has this attribute value (and there is at least one). */
async function expectEveryRow(rows: Locator, attribute: string, allowed: RegExp) {
  await expect(rows.first()).toBeVisible();
  await expect(async () => {
    const values = await rows.evaluateAll(
      (elements, name) => elements.map((element) => element.getAttribute(name) ?? ""),
      attribute,
    );
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(allowed);
  }).toPass();
}

function param(page: Page, name: string): string | null {
  return new URL(page.url()).searchParams.get(name);
}

function utcDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test.beforeAll(async ({ request, simUrl }) => {
  if ((await apiSessions(request, "limit=1")).length === 0) {
    expect((await request.post(`${simUrl}/_sim/samples`)).ok()).toBeTruthy();
  }
  // Five answered voicemails sharing a word: the pages and the keyboard walk through them.
  for (let index = 0; index < 5; index++) {
    await placeCall(request, simUrl, {
      from: phone(),
      answered: false,
      durationSeconds: 20 + index,
      text: `Voicemail transcript\nHi, what are your opening hours on Saturday? Reference ${PAGER} number ${index}.`,
    });
  }
  await expect
    .poll(async () => (await apiSessions(request, `q=${PAGER}&status=answered`)).length, { timeout: 30_000 })
    .toBe(5);
  // The sample handoff has been through the pipeline.
  await expect
    .poll(async () => (await apiSessions(request, `q=${encodeURIComponent(CHARGED)}&status=handed_off`)).length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
});

test("each filter narrows the list and is written to the URL", async ({ page }) => {
  await page.goto("/inbox");
  const rows = page.getByTestId("session-row");
  await expect(rows.first()).toBeVisible();
  const charged = rows.filter({ hasText: CHARGED });

  await page.getByLabel("Channel").selectOption("email");
  await expect(page).toHaveURL(/[?&]channel=email(&|$)/);
  await expectEveryRow(rows, "data-channel", /^email$/);
  await expect(rows.filter({ hasText: "Maria Gomez" }).first()).toBeVisible();
  await page.getByLabel("Channel").selectOption("");
  expect(param(page, "channel")).toBeNull();

  await page.getByLabel("Status").selectOption("handed_off");
  await expect(page).toHaveURL(/[?&]status=handed_off(&|$)/);
  await expectEveryRow(rows, "data-status", /^handed_off$/);
  await expect(charged.first()).toBeVisible();
  const sentiment = (await charged.first().getAttribute("data-sentiment")) ?? "";
  expect(sentiment).toMatch(/^(angry|frustrated)$/);
  await page.getByLabel("Status").selectOption("");

  await page.getByLabel("Sentiment").selectOption(sentiment);
  await expect(page).toHaveURL(new RegExp(`[?&]sentiment=${sentiment}(&|$)`));
  await expectEveryRow(rows, "data-sentiment", new RegExp(`^${sentiment}$`));
  await expect(charged.first()).toBeVisible();
  await page.getByLabel("Sentiment").selectOption("");

  await page.getByLabel("Handoff reason").selectOption({ label: "The customer asked for a person" });
  await expect(page).toHaveURL(/[?&]reason=user_requested_human_assistance(&|$)/);
  await expectEveryRow(rows, "data-reason", /^user_requested_human_assistance$/);
  await expect(charged.first()).toBeVisible();

  // Combined with a channel and today's date (UTC): still the handoff; tomorrow: nothing.
  await page.getByLabel("Channel").selectOption("voice");
  await page.getByLabel("Started from").fill(utcDay());
  await page.getByLabel("Started to").fill(utcDay());
  await expect(page).toHaveURL(new RegExp(`from=${utcDay()}.*to=${utcDay()}|to=${utcDay()}.*from=${utcDay()}`));
  await expectEveryRow(rows, "data-channel", /^voice$/);
  await expectEveryRow(rows, "data-reason", /^user_requested_human_assistance$/);
  await expect(charged.first()).toBeVisible();
  await page.getByLabel("Started from").fill(utcDay(1));
  await page.getByLabel("Started to").fill(utcDay(1));
  const empty = page.getByTestId("sessions-empty");
  await expect(empty).toContainText("No session matches these filters");
  await expect(rows).toHaveCount(0);

  await empty.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows.first()).toBeVisible();
  for (const name of ["channel", "status", "sentiment", "reason", "from", "to", "q"])
    expect(param(page, name)).toBeNull();
  await expect(page.getByLabel("Channel")).toHaveValue("");
  await expect(page.getByLabel("Started from")).toHaveValue("");
});

test("the search finds a phone number in any format, a ticket, a conversation id and words", async ({
  page,
  request,
}) => {
  const [session] = await apiSessions(request, `q=${encodeURIComponent(CHARGED)}&status=handed_off`);
  await page.goto("/inbox");
  const rows = page.getByTestId("session-row");
  const search = page.getByRole("searchbox", { name: "Search" });

  for (const typed of ["+1 (415) 555-0123", "415.555.0123", "555-0123"]) {
    await search.fill(typed);
    await expect.poll(() => param(page, "q")).toBe(typed);
    await expect(rows.filter({ hasText: CHARGED }).first()).toBeVisible();
    await expect(rows.filter({ hasNotText: CHARGED })).toHaveCount(0);
  }

  await search.fill(`#${session.ticketNumber}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-ticket", String(session.ticketNumber));

  await search.fill(String(session.ticketNumber));
  await expect(page.locator(`[data-testid="session-row"][data-ticket="${session.ticketNumber}"]`)).toHaveCount(1);

  await search.fill(`https://app.frontapp.com/open/${session.frontConversationId}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-session-id", session.id);

  await search.fill("charged twice");
  await expect(rows.filter({ hasText: CHARGED }).first()).toBeVisible();

  await search.fill("Maria");
  await expect(rows.filter({ hasText: "Maria Gomez" }).first()).toBeVisible();
  await expect(rows.filter({ hasNotText: "Maria" })).toHaveCount(0);

  await search.fill(`nothing-matches-${run}`);
  await expect(page.getByTestId("sessions-empty")).toContainText("No session matches these filters");

  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(search).toHaveValue("");
  await expect(search).toBeFocused();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(rows.first()).toBeVisible();
});

test("a saved view sets the URL, is marked current and filters the list", async ({ page }) => {
  await page.goto("/inbox");
  const views = page.getByRole("navigation", { name: "Saved views" });
  const rows = page.getByTestId("session-row");
  await expect(views.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");

  await views.getByRole("link", { name: "Handed off" }).click();
  await expect(page).toHaveURL(/\/inbox\?view=handed_off$/);
  await expect(views.getByRole("link", { name: "Handed off" })).toHaveAttribute("aria-current", "page");
  await expect(views.getByRole("link", { name: "All" })).not.toHaveAttribute("aria-current", "page");
  await expectEveryRow(rows, "data-status", /^handed_off$/);
  await expect(rows.filter({ hasText: CHARGED }).first()).toBeVisible();

  await views.getByRole("link", { name: "Phone" }).click();
  await expect(page).toHaveURL(/view=voice/);
  await expectEveryRow(rows, "data-channel", /^voice$/);

  await views.getByRole("link", { name: "Negative sentiment" }).click();
  await expect(page).toHaveURL(/view=negative/);
  await expectEveryRow(rows, "data-sentiment", /^(angry|frustrated)$/);

  await views.getByRole("link", { name: "Needs attention" }).click();
  await expect(page).toHaveURL(/view=needs_attention/);
  await expect(views.getByRole("link", { name: "Needs attention" })).toHaveAttribute("aria-current", "page");
  // Failed or flagged sessions, or the calm "nothing needs attention".
  await expect(page.getByTestId("sessions-empty").or(rows.first())).toBeVisible();
  // Polled: the previous view's rows may still be on screen for a moment after the URL changes.
  // Read in one go: a row locator kept across a re-render would wait for an element that is gone.
  await expect
    .poll(() =>
      rows.evaluateAll((elements) =>
        elements.every(
          (element) => element.getAttribute("data-status") === "failed" || Boolean(element.getAttribute("data-flag")),
        ),
      ),
    )
    .toBe(true);

  // A filter on top of a view narrows it; the view stays current.
  await views.getByRole("link", { name: "Handed off" }).click();
  await expect(page).toHaveURL(/view=handed_off/);
  await page.getByLabel("Channel").selectOption("voice");
  await expect(page).toHaveURL(/view=handed_off.*channel=voice/);
  await expectEveryRow(rows, "data-status", /^handed_off$/);
  await expectEveryRow(rows, "data-channel", /^voice$/);
  await expect(views.getByRole("link", { name: "Handed off" })).toHaveAttribute("aria-current", "page");
});

test("a shared link opens with its filters, and a reload keeps them", async ({ page }) => {
  await page.goto(
    `/inbox?view=voice&status=handed_off&sentiment=angry,frustrated&q=${encodeURIComponent("charged twice")}`,
  );
  const rows = page.getByTestId("session-row");
  for (let pass = 0; pass < 2; pass++) {
    await expect(
      page.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: "Phone" }),
    ).toHaveAttribute("aria-current", "page");
    await expect(page.getByLabel("Status")).toHaveValue("handed_off");
    await expect(page.getByLabel("Sentiment")).toHaveValue("angry,frustrated");
    await expect(page.getByLabel("Sentiment").locator("option:checked")).toHaveText("Angry or Frustrated");
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("charged twice");
    await expect(rows.filter({ hasText: CHARGED }).first()).toBeVisible();
    await expectEveryRow(rows, "data-status", /^handed_off$/);
    await page.reload();
  }

  // A link with a value the Inbox does not know says so and shows the rest.
  await page.goto("/inbox?status=handed_off,bogus");
  await expect(page.getByTestId("filter-issues")).toContainText('status: unknown value "bogus"');
  await expectEveryRow(rows, "data-status", /^handed_off$/);
});

test("pages load with `limit` and never repeat a session", async ({ page }) => {
  await page.goto(`/inbox?q=${PAGER}&limit=2`);
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("session-count")).toHaveText("2+ matching sessions — load more below");
  await page.getByTestId("load-more").click();
  await expect(rows).toHaveCount(4);
  await page.getByTestId("load-more").click();
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId("load-more")).toHaveCount(0);
  await expect(page.getByTestId("session-count")).toHaveText("5 matching sessions");
  const ids = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-session-id")));
  expect(new Set(ids).size).toBe(5);
});

test("the list works from the keyboard: arrows and j/k move, Home/End jump, Enter opens", async ({ page }) => {
  await page.goto(`/inbox?q=${PAGER}`);
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId("keyboard-hint")).toContainText("move between sessions");
  await expect(page.getByTestId("session-list")).toHaveAttribute("aria-describedby", /.+/);
  // One row in the tab order, so Tab leaves the list instead of walking every row.
  await expect(page.locator('[data-testid="session-row"][tabindex="0"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="session-row"][tabindex="-1"]')).toHaveCount(4);
  await rows.nth(0).focus();
  await page.keyboard.press("Tab");
  await expect(page.locator('[data-testid="session-row"]:focus')).toHaveCount(0);
  await rows.nth(0).focus();

  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(rows.nth(4)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(4)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator('[data-testid="session-row"][tabindex="0"]')).toHaveAttribute(
    "data-session-id",
    (await rows.nth(2).getAttribute("data-session-id"))!,
  );

  const target = await rows.nth(2).getAttribute("data-session-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/inbox/${target}$`));
  // Back returns to the same filtered list.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`q=${PAGER}`));
  await expect(rows).toHaveCount(5);
});

test("a new session that matches the filters appears live; one that does not stays out", async ({
  page,
  request,
  simUrl,
}) => {
  await page.goto(`/inbox?view=voice&q=${LIVE}`);
  await expect(page.getByTestId("sessions-empty")).toContainText("No session matches these filters");

  const smsFrom = phone();
  const callFrom = phone();
  const sms = await request.post(`${simUrl}/_sim/messages`, {
    data: { channel: "sms", from: smsFrom, text: `hi are you open on saturday ${LIVE}` },
  });
  expect(sms.ok()).toBeTruthy();
  await placeCall(request, simUrl, {
    from: callFrom,
    answered: false,
    durationSeconds: 15,
    text: `Voicemail transcript\nAre you open on Saturday? ${LIVE}`,
  });

  const rows = page.getByTestId("session-row");
  await expect(rows.filter({ hasText: callFrom })).toBeVisible();
  await expect(rows.filter({ hasText: callFrom })).toHaveAttribute("data-channel", "voice");
  // The SMS session exists, and the Phone view keeps it out.
  await expect.poll(async () => (await apiSessions(request, `q=${LIVE}`)).length).toBe(2);
  await page.waitForTimeout(3_500);
  await expect(rows).toHaveCount(1);
  await expect(rows.filter({ hasText: smsFrom })).toHaveCount(0);

  // With three pages loaded, a new match arrives at the top and the loaded pages stay.
  await page.goto(`/inbox?q=${PAGER}&limit=2`);
  await page.getByTestId("load-more").click();
  await expect(rows).toHaveCount(4);
  await page.getByTestId("load-more").click();
  await expect(rows).toHaveCount(5);
  const before = await rows.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute("data-session-id")),
  );
  const lateFrom = phone();
  await placeCall(request, simUrl, {
    from: lateFrom,
    answered: false,
    durationSeconds: 12,
    text: `Voicemail transcript\nOne more about Saturday. ${PAGER}`,
  });
  await expect(rows.first()).toContainText(lateFrom);
  await expect(rows).toHaveCount(6);
  const after = await rows.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute("data-session-id")),
  );
  expect(new Set(after.slice(1))).toEqual(new Set(before));
  // Six sessions in three pages of two: all loaded.
  await expect(page.getByTestId("load-more")).toHaveCount(0);
});

test("on a phone the filters fold into a Filters disclosure", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/inbox?status=handed_off");
  const toggle = page.getByRole("button", { name: /^Filters/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("filters-count")).toHaveText("1 set");
  await expect(page.getByLabel("Status")).toBeHidden();
  await expect(page.getByRole("searchbox", { name: "Search" })).toBeVisible();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("Channel").selectOption("voice");
  await expect(page).toHaveURL(/channel=voice/);
  await expectEveryRow(page.getByTestId("session-row"), "data-channel", /^voice$/);
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).not.toHaveURL(/status=|channel=/);
});
