import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEFAULT_COMPANY_ID } from "../front-sim/directory";
import { signApplicationWebhook } from "../front-sim/signing";
import { VIEWER } from "./accounts";
import { expect, test } from "./fixtures";

// The troubleshooting page's deliveries: their order, the re-run (a confirmed, new attempt beside the delivery),
// the live poll when it fails, and what a viewer sees.

const DEMO_APP_SECRET = "demo-app-secret";

/** Delivers a signed application webhook for a `tag` event that Front sent at `sentAt` (recorded, touches nothing). */
async function deliverTagEvent(
  request: APIRequestContext,
  conversationId: string,
  sentAt: Date,
  eventId = `evt_${randomBytes(6).toString("hex")}`,
): Promise<string> {
  const body = JSON.stringify({
    type: "tag_added",
    // The company the app is connected to (the simulator's, from GET /me): another company's delivery is refused.
    authorization: { id: DEFAULT_COMPANY_ID },
    payload: {
      id: eventId,
      type: "tag",
      emitted_at: sentAt.getTime() / 1000,
      conversation: { id: conversationId },
      target: { _meta: { type: "tag" }, data: { id: "tag_1", name: "VIP" } },
    },
  });
  const timestamp = String(Date.now());
  const response = await request.post("/api/webhooks/front", {
    data: body,
    headers: {
      "content-type": "application/json",
      "x-front-request-timestamp": timestamp,
      "x-front-signature": signApplicationWebhook(DEMO_APP_SECRET, timestamp, body),
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  return eventId;
}

const newConversationId = () => `cnv_${randomBytes(6).toString("hex")}`;

async function openDeliveriesOf(page: Page, conversationId: string) {
  await page.goto(`/troubleshooting?delivery_conversation=${conversationId}`);
  await expect(page.getByTestId("delivery").first()).toBeVisible();
}

test("deliveries are listed by when Front sent them, and the table fits 1440 px", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const conversationId = newConversationId();
  const now = Date.now();
  // Stored in this order; Front sent the second one first (a late retry).
  const sentLast = await deliverTagEvent(request, conversationId, new Date(now - 60_000));
  const sentFirst = await deliverTagEvent(request, conversationId, new Date(now - 3_600_000));
  await openDeliveriesOf(page, conversationId);
  const rows = page.getByTestId("delivery");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(sentLast);
  await expect(rows.nth(1)).toContainText(sentFirst);

  // The whole list fits without sideways scrolling or clipped columns, even with a long event id and a re-run
  // confirmation open.
  await deliverTagEvent(request, conversationId, new Date(), `evt_${randomBytes(30).toString("hex")}`);
  await page.goto("/troubleshooting");
  await expect(rows.first()).toBeVisible();
  await rows.first().getByTestId("delivery-rerun").click();
  await expect(rows.first().getByTestId("delivery-rerun-confirmation")).toBeVisible();
  const table = page.getByTestId("deliveries");
  const overflow = await table.evaluate((element) => ({
    table: element.scrollWidth,
    box: element.parentElement!.clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(overflow.table).toBeLessThanOrEqual(overflow.box);
  expect(overflow.page).toBeLessThanOrEqual(1440);
  const confirm = (await rows.first().getByTestId("delivery-rerun-confirm").boundingBox())!;
  expect(confirm.x + confirm.width).toBeLessThanOrEqual(
    (await table.boundingBox())!.x + (await table.boundingBox())!.width,
  );
  await page.screenshot({ path: ".data/shots/troubleshooting-1440.png", fullPage: false });
});

test("a re-run asks first, then adds a new attempt beside the delivery, which keeps its record", async ({
  page,
  request,
}) => {
  const conversationId = newConversationId();
  const eventId = await deliverTagEvent(request, conversationId, new Date());
  await openDeliveriesOf(page, conversationId);
  const originalId = await page.getByTestId("delivery").filter({ hasText: eventId }).getAttribute("data-delivery-id");
  const original = page.locator(`[data-testid="delivery"][data-delivery-id="${originalId}"]`);
  await expect(original).toHaveAttribute("data-decision", "recorded");
  const tookBefore = await original.getByTestId("delivery-processing").innerText();
  const reasonBefore = await original.getByTestId("delivery-reason").innerText();

  // Cancelling sends nothing.
  let reruns = 0;
  page.on("request", (sent) => {
    if (sent.url().includes("/rerun")) reruns += 1;
  });
  await original.getByTestId("delivery-rerun").click();
  await expect(original.getByTestId("delivery-rerun-confirmation")).toContainText("new attempt");
  await original.getByTestId("delivery-rerun-cancel").click();
  await expect(original.getByTestId("delivery-rerun-confirmation")).toHaveCount(0);
  await expect(original.getByTestId("delivery-rerun")).toBeFocused();
  expect(reruns).toBe(0);

  await original.getByTestId("delivery-rerun").click();
  await original.getByTestId("delivery-rerun-confirm").click();
  await expect(original.getByTestId("delivery-rerun-status")).toContainText("Re-run queued");
  const rows = page.getByTestId("delivery");
  await expect(rows).toHaveCount(2);
  // The attempt is listed right above the delivery it repeats, and decided on its own.
  const attempt = rows.nth(0);
  await expect(attempt.getByTestId("delivery-rerun-of")).toContainText("Re-run at");
  await expect(attempt).toContainText(eventId);
  await expect(attempt).toHaveAttribute("data-decision", "recorded");
  await expect(attempt).toHaveAttribute("data-rerun-of", originalId!);
  await expect(rows.nth(1)).toHaveAttribute("data-delivery-id", originalId!);
  await expect(original.getByTestId("delivery-processing")).toHaveText(tookBefore);
  await expect(original.getByTestId("delivery-reason")).toHaveText(reasonBefore);
  expect(reruns).toBe(1);
});

test("a failed live poll keeps the list on screen and says it is reconnecting", async ({ page, request }) => {
  const conversationId = newConversationId();
  await deliverTagEvent(request, conversationId, new Date());
  await openDeliveriesOf(page, conversationId);
  const live = page.getByTestId("deliveries-live");
  await expect(live).toHaveAttribute("data-state", "live");
  await page.route("**/api/troubleshooting/deliveries?**", (route) => route.abort("connectionrefused"));
  await expect(live).toHaveAttribute("data-state", "reconnecting", { timeout: 15_000 });
  await expect(live).toHaveText("Reconnecting…");
  await expect(page.getByTestId("deliveries-reconnecting")).toBeVisible();
  await expect(page.getByTestId("delivery")).toHaveCount(1);
  await page.unroute("**/api/troubleshooting/deliveries?**");
  await expect(live).toHaveAttribute("data-state", "live", { timeout: 15_000 });
  await expect(page.getByTestId("deliveries-reconnecting")).toHaveCount(0);
});

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer sees the deliveries but no Re-run button", async ({ page, request }) => {
    const conversationId = newConversationId();
    await deliverTagEvent(request, conversationId, new Date());
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.2" },
    });
    expect(signIn.status()).toBe(200);
    await openDeliveriesOf(page, conversationId);
    await expect(page.getByTestId("delivery")).toHaveCount(1);
    await expect(page.getByRole("button", { name: /Re-run/ })).toHaveCount(0);
    await expect(page.getByTestId("deliveries").locator("thead th")).toHaveCount(7);
  });
});
