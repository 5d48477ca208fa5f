import { VIEWER } from "./accounts";
import { expect, placeCall, test } from "./fixtures";

// Erasing a customer (issue 15): an admin erases the caller from their session page; afterwards no page shows the
// caller's words or number, the session keeps its outcome, and a viewer is never offered the button.

const CALLER = "+14155550866";
const TRANSCRIPT =
  "Voicemail transcript\nHi, this is Philippa Marchbanks. I need a person to call me back about my account, please.";
let sessionPath = "";

test.beforeAll(async ({ request, simUrl, browser }, testInfo) => {
  await placeCall(request, simUrl, { from: CALLER, text: TRANSCRIPT, durationSeconds: 40, assigneeId: "tea_ai01" });
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

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer reads the session but is not offered the erasure", async ({ page }) => {
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.41" },
    });
    expect(signIn.status()).toBe(200);
    await page.goto(sessionPath);
    await expect(page.getByTestId("session-contact")).toBeVisible();
    await expect(page.getByTestId("erase-contact")).toHaveCount(0);
  });
});

test("an admin erases the caller: asked first, then no page shows their words or number, and the outcome stays", async ({
  page,
}) => {
  await page.goto(sessionPath);
  await expect(page.getByTestId("session-view")).toContainText("Philippa Marchbanks");
  await page.getByTestId("erase-contact-open").click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Erase every text and handle of ${CALLER}`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByTestId("erase-contact-open").click();
  await page.getByTestId("erase-contact-confirm").click();
  await expect(page.getByTestId("erase-contact-done")).toContainText(`Erased ${CALLER}: the texts of 1 session`);
  await page.reload();
  const view = page.getByTestId("session-view");
  await expect(view).toContainText("(erased at the customer's request)");
  await expect(view).not.toContainText("Philippa");
  await expect(view).not.toContainText("555 0866");
  await expect(view).not.toContainText("5550866");
  await expect(page.getByTestId("session-header")).toContainText("Handed off");
  await page.screenshot({ path: "test-results/screens/session-erased.png", fullPage: true });

  // The Inbox no longer finds the caller by number or by name.
  await page.goto(`/inbox?q=${encodeURIComponent(CALLER)}`);
  await expect(page.getByTestId("session-row")).toHaveCount(0);
  await page.goto(`/inbox?q=${encodeURIComponent("Marchbanks")}`);
  await expect(page.getByTestId("session-row")).toHaveCount(0);
});
