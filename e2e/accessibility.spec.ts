import AxeBuilder from "@axe-core/playwright";
import { ensureSamples, expect, test } from "./fixtures";

// Every page a lead or an admin sees: axe must report no serious or critical violation.
test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request, simUrl }) => {
  await ensureSamples(request, simUrl);
});

async function expectNoSeriousViolations(page: import("@playwright/test").Page) {
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

const pages = [
  { name: "Inbox", path: "/inbox", ready: '[data-testid="session-row"]' },
  { name: "Reports", path: "/reports", ready: "main h1" },
  { name: "Settings → Front", path: "/settings/front", ready: '[data-testid="checklist-step"]' },
  { name: "Settings → AI", path: "/settings/ai", ready: '[data-testid="ai-settings"]' },
  { name: "Settings → Audit", path: "/settings/audit", ready: '[data-testid="audit-entry"]' },
  { name: "Settings → Users", path: "/settings/users", ready: '[data-testid="user-row"]' },
  { name: "Troubleshooting", path: "/troubleshooting", ready: '[data-testid="delivery"]' },
];

for (const target of pages) {
  test(`${target.name} has no serious accessibility violation`, async ({ page }) => {
    await page.goto(target.path);
    await page.locator(target.ready).first().waitFor();
    await expectNoSeriousViolations(page);
  });
}

test("Settings → Audit with a change opened has no serious accessibility violation", async ({ page }) => {
  await page.goto("/settings/audit");
  await page.getByTestId("audit-entry").first().getByRole("button").first().click();
  await page.getByTestId("audit-changes").first().waitFor();
  await expectNoSeriousViolations(page);
});

test("a session page has no serious accessibility violation", async ({ page }) => {
  await page.goto("/inbox");
  await page.locator('[data-testid="session-row"][data-status="handed_off"]').first().click();
  await page.getByTestId("handoff-card").waitFor();
  await expectNoSeriousViolations(page);
});
