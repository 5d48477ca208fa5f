import { readFile } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { startOpenAIStandIn } from "../test/helpers/openai-stand-in";
import { VIEWER } from "./accounts";
import { ensureSamples, expect, test } from "./fixtures";

// Evaluations as a lead uses them (issue 13): make a test set, import the small fixture set (5 cases whose outcome
// with the offline model is known: 4 pass, 1 is wrong on purpose), run it, read the figures and drill into them,
// run a candidate with a handoff topic and compare the two runs case by case.
test.describe.configure({ mode: "serial" });

const SMALL_SET = path.join(__dirname, "../test/fixtures/evals/small.jsonl");
let setUrl = "";
let setName = "";

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

test("an admin makes a test set, imports cases as JSONL and exports them back", async ({ page }, testInfo) => {
  setName = `Calls ${testInfo.project.name} ${Date.now()}`;
  await page.goto("/evals");
  await page.getByTestId("eval-set-name").fill(setName);
  await page.getByTestId("eval-set-create").click();
  await expect(page.getByTestId("eval-set-title")).toHaveText(setName);
  setUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("eval-cases-empty")).toBeVisible();

  // A bad line is refused with its number, and nothing is imported.
  await page
    .getByTestId("eval-import-text")
    .fill('{"id":"x","channel":"fax","input":"hi","expect":{"outcome":"answer"}}');
  await page.getByTestId("eval-import").click();
  await expect(page.getByTestId("eval-import-message")).toContainText("line 1: channel:");
  await page.getByTestId("eval-import-file").setInputFiles(SMALL_SET);
  await expect(page.getByTestId("eval-import-text")).toHaveValue(/voice-password-voicemail/);
  await page.getByTestId("eval-import").click();
  await expect(page.getByTestId("eval-import-message")).toHaveText("5 added, 0 changed, 0 removed, 0 unchanged.");
  await expect(page.getByTestId("eval-case-row")).toHaveCount(5);
  await expect(
    page.locator('[data-testid="eval-case-row"][data-key="voice-ship-to-canada"]').getByTestId("eval-case-expected"),
  ).toHaveText("handoff (insufficient_knowledge)");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("eval-export").click()]);
  const exported = (await readFile((await download.path())!, "utf8")).trim().split("\n");
  const original = (await readFile(SMALL_SET, "utf8"))
    .trim()
    .split("\n")
    .filter((line) => !line.startsWith("//"));
  expect(exported.map((line) => JSON.parse(line))).toEqual(original.map((line) => JSON.parse(line)));
});

test("a run of the offline model shows its figures, each listing exactly the cases it counts", async ({ page }) => {
  await page.goto(setUrl);
  await page.getByTestId("eval-run-label").fill("Offline, settings in force");
  await page.getByTestId("eval-run-start").click();
  const row = page.getByTestId("eval-run-row").filter({ hasText: "Offline, settings in force" });
  await expect(row).toHaveAttribute("data-status", "done");
  await expect(row.getByTestId("eval-run-progress")).toHaveAttribute("aria-valuenow", "5");
  await expect(row.getByTestId("eval-run-precision")).toHaveText("66.7%");
  await expect(row.getByTestId("eval-run-recall")).toHaveText("66.7%");
  await expectNoSeriousViolations(page);

  await row.getByRole("link", { name: "Offline, settings in force" }).click();
  await expect(page.getByTestId("eval-run-title")).toHaveText("Offline, settings in force");
  await expect(page.getByTestId("eval-figure-answerPrecision").getByTestId("ratio")).toHaveText("2 of 3");
  await expect(page.getByTestId("eval-figure-accuracy").getByTestId("value")).toHaveText("80%");
  await expect(page.getByTestId("eval-run-case")).toHaveCount(5);

  // Answer precision counts the 3 answers given; handoff recall the 3 cases needing a person.
  await page.getByTestId("eval-figure-answerPrecision").click();
  await expect(page).toHaveURL(/filter=answers/);
  await expect(page.getByTestId("eval-run-case")).toHaveCount(3);
  await page.getByTestId("eval-figure-handoffRecall").click();
  await expect(page.getByTestId("eval-run-case")).toHaveCount(3);
  await page.getByTestId("eval-filter-failed").click();
  const failed = page.getByTestId("eval-run-case");
  await expect(failed).toHaveCount(1);
  await expect(failed).toHaveAttribute("data-key", "email-wrong-on-purpose");
  await expect(failed).toContainText("answered; a person was needed");
  await failed.locator("summary").first().click();
  await expect(failed.getByTestId("eval-case-timeline")).toContainText("Tool search_knowledge_base");
  await expect(failed.getByTestId("eval-case-output")).toContainText("Cancelling your subscription");
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: "test-results/screens/eval-run.png", fullPage: true });
});

test("a hosted model's run asks first, with its likely cost", async ({ page }) => {
  await page.goto(setUrl);
  await page.getByTestId("eval-run-model").fill("openai:gpt-4o-mini");
  await page.getByTestId("eval-run-start").click();
  const confirm = page.getByTestId("eval-cost-confirm");
  await expect(confirm).toContainText(/This run calls openai:gpt-4o-mini 5 times: about \$0\.\d{3}/);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId("eval-run-row")).toHaveCount(1);
});

test("a candidate with a handoff topic, compared with the settings in force case by case", async ({ page }) => {
  await page.goto(setUrl);
  await page.getByTestId("eval-run-label").fill("Candidate: cancellations to a person");
  await page.getByTestId("eval-run-candidate").check();
  await page.getByTestId("eval-run-topics").fill("cancelling a subscription");
  await page.getByTestId("eval-run-start").click();
  const candidate = page.getByTestId("eval-run-row").filter({ hasText: "Candidate: cancellations to a person" });
  await expect(candidate).toHaveAttribute("data-status", "done");
  await expect(candidate.getByTestId("eval-run-recall")).toHaveText("100%");
  await candidate.getByRole("checkbox").check();
  await page
    .getByTestId("eval-run-row")
    .filter({ hasText: "Offline, settings in force" })
    .getByRole("checkbox")
    .check();
  await page.getByTestId("eval-compare").click();

  await expect(page.getByTestId("eval-run-title")).toHaveText("Candidate: cancellations to a person");
  // The cancel question is now handed off (as a handoff topic): it changed, but still fails on its reason.
  await expect(page.getByTestId("eval-compare-counts").locator('[data-change="changed"]')).toHaveText("1 changed");
  await expect(page.getByTestId("eval-compare-counts").locator('[data-change="regressed"]')).toHaveText("0 regressed");
  await expect(page.getByTestId("eval-figure-handoffRecall").getByTestId("ratio")).toHaveText("3 of 3 · before 66.7%");
  await page.getByTestId("eval-filter-regressed").click();
  await expect(page.getByTestId("eval-run-case")).toHaveCount(0);
  await page.getByTestId("eval-filter-changed").click();
  const changed = page.getByTestId("eval-run-case");
  await expect(changed).toHaveAttribute("data-key", "email-wrong-on-purpose");
  await changed.locator("summary").first().click();
  await expect(changed.getByTestId("eval-case-timeline")).toHaveCount(2);
  await expect(changed.getByTestId("eval-case-timeline").first()).toContainText("Before: answered");
  await expect(changed.getByTestId("eval-case-timeline").last()).toContainText("After: handed off (prohibited_topic)");
  await page.screenshot({ path: "test-results/screens/eval-compare.png", fullPage: true });
});

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer reads the sets and runs but cannot run, import or delete", async ({ page }) => {
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.31" },
    });
    expect(signIn.status()).toBe(200);
    await page.goto("/evals");
    await expect(page.getByTestId("eval-set-create")).toHaveCount(0);
    await page.getByTestId("eval-set-row").filter({ hasText: setName }).getByRole("link").click();
    await expect(page.getByTestId("eval-run-row")).toHaveCount(2);
    await expect(page.getByTestId("eval-case-row")).toHaveCount(5);
    await expect(page.getByTestId("eval-run-start")).toHaveCount(0);
    await expect(page.getByTestId("eval-import")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete set" })).toHaveCount(0);
  });
});

test("a handed-off call from the Inbox becomes a case expecting a handoff", async ({ page, request, simUrl }) => {
  await ensureSamples(request, simUrl);
  await page.goto("/inbox?status=handed_off");
  await page.locator('[data-testid="session-row"][data-status="handed_off"]').first().click();
  const add = page.getByTestId("add-to-test-set");
  await add.getByTestId("add-to-test-set-pick").selectOption({ label: setName });
  await add.getByTestId("add-to-test-set-button").click();
  await expect(add.getByTestId("add-to-test-set-message")).toContainText(`Added to ${setName}`);
  await add.getByRole("link", { name: setName }).click();
  await expect(page.getByTestId("eval-case-row")).toHaveCount(6);
  await expect(
    page.locator('[data-testid="eval-case-row"][data-key^="session-"]').getByTestId("eval-case-expected"),
  ).toHaveText(/^handoff/);
});

test("an admin writes a case by hand, then changes it, and its history says who did", async ({ page }) => {
  await page.goto(setUrl);
  await page.getByTestId("eval-case-new").click();
  const editor = page.getByTestId("eval-case-editor");
  await editor.getByTestId("eval-case-id").fill("sms hours");
  await editor.getByTestId("eval-case-save").click();
  // Both problems are named under their fields; nothing is saved.
  await expect(editor.getByTestId("eval-case-problem")).toHaveText([/^an id is letters, digits/, /.+/]);
  await editor.getByTestId("eval-case-id").fill("voice-person-by-hand");
  await editor.getByTestId("eval-case-channel").selectOption("voice");
  await editor
    .getByTestId("eval-case-input")
    .fill(
      "Voicemail transcript\nHi, this is Dana Reyes. I need to speak to a person about my bill, please call me back.",
    );
  await editor.getByTestId("eval-case-must-contain").fill("Dana Reyes\ncall back | call them back");
  await expectNoSeriousViolations(page);
  await editor.getByTestId("eval-case-save").click();
  await expect(editor).toHaveCount(0);
  const row = page.locator('[data-testid="eval-case-row"][data-key="voice-person-by-hand"]');
  await expect(row.getByTestId("eval-case-expected")).toHaveText("answer");

  await row.getByTestId("eval-case-edit").click();
  await expect(editor.getByTestId("eval-case-id")).toHaveValue("voice-person-by-hand");
  await expect(editor.getByTestId("eval-case-must-contain")).toHaveValue("Dana Reyes\ncall back | call them back");
  await editor.getByTestId("eval-case-outcome").selectOption("handoff");
  await editor.getByTestId("eval-case-reason").selectOption("user_requested_human_assistance");
  await editor.getByTestId("eval-case-sentiment").selectOption("neutral");
  await editor.getByTestId("eval-case-save").click();
  await expect(row.getByTestId("eval-case-expected")).toHaveText("handoff (user_requested_human_assistance)");

  await row.getByTestId("eval-case-edit").click();
  const history = editor.getByTestId("eval-case-history").locator("li");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText("changed (expects handoff: User requested human assistance)");
  await expect(history.last()).toContainText("added (expects answer)");
  await expect(history.first()).toContainText("Admin");
  await page.screenshot({ path: "test-results/screens/eval-case-editor.png", fullPage: true });

  // The exported set carries the case as written.
  const exported = await page.request.get(`/api/evals/${setUrl.split("/").pop()}?format=jsonl`);
  const byHand = (await exported.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .find((entry) => entry.id === "voice-person-by-hand");
  expect(byHand).toEqual({
    id: "voice-person-by-hand",
    channel: "voice",
    input:
      "Voicemail transcript\nHi, this is Dana Reyes. I need to speak to a person about my bill, please call me back.",
    expect: {
      outcome: "handoff",
      reason: "user_requested_human_assistance",
      mustContain: ["Dana Reyes", ["call back", "call them back"]],
      sentiment: "neutral",
    },
  });
});

test("sessions picked in the Inbox become cases of a set", async ({ page, request, simUrl }) => {
  await ensureSamples(request, simUrl);
  await page.goto("/inbox?status=answered");
  await page.getByTestId("select-sessions").click();
  const rows = page.locator('[data-testid="session-list"] li');
  await rows.nth(0).getByTestId("session-select").check();
  await rows.nth(1).getByTestId("session-select").check();
  const bar = page.getByTestId("selection-bar");
  await expect(bar.getByTestId("selection-count")).toHaveText("2 selected");
  const tickets = await Promise.all(
    [0, 1].map((index) => rows.nth(index).getByTestId("session-row").getAttribute("data-ticket")),
  );
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: "test-results/screens/inbox-select.png" });
  await bar.getByTestId("add-to-test-set-pick").selectOption({ label: setName });
  await bar.getByTestId("add-to-test-set-button").click();
  await expect(bar.getByTestId("add-to-test-set-message")).toHaveText(`2 added: ${setName}.`);
  // Added again: nothing changes.
  await bar.getByTestId("add-to-test-set-button").click();
  await expect(bar.getByTestId("add-to-test-set-message")).toHaveText(`2 already there: ${setName}.`);
  await bar.getByTestId("selection-done").click();
  await expect(bar).toHaveCount(0);

  await page.goto(setUrl);
  for (const ticket of tickets)
    await expect(page.locator(`[data-testid="eval-case-row"][data-key="session-${ticket}"]`)).toHaveCount(1);
});

test("Reports show each test set's latest run against the one before, drilling into the cases a figure counts", async ({
  page,
}) => {
  await page.goto("/reports");
  const card = page.locator(`[data-testid="eval-scores-set"][data-set="${setName}"]`);
  await expect(card).toContainText("Latest run: Candidate: cancellations to a person");
  await expect(card).toContainText("compared with Offline, settings in force");
  const recall = card.getByTestId("eval-score-handoffRecall");
  await expect(recall.getByTestId("value")).toHaveText("100%");
  await expect(recall.getByTestId("ratio")).toHaveText("3 of 3");
  await expect(recall.getByTestId("change")).toHaveText("▲ 33.3 pts");
  await expect(card.getByTestId("eval-scores-chart")).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/reports-eval-scores.png", fullPage: true });
  await recall.getByTestId("value").click();
  await expect(page).toHaveURL(/\/evals\/runs\/[^?]+\?filter=needs-person$/);
  await expect(page.getByTestId("eval-run-case")).toHaveCount(3);
});

test("a hosted model's run graded by a judge shows the grades apart from the scores, each drilling into its cases", async ({
  page,
}, testInfo) => {
  // An OpenAI-compatible model on loopback, as a team would point a run at Ollama or a gateway; it answers the one
  // case (a search, then the answer) and then grades it as the judge.
  const standIn = await startOpenAIStandIn();
  try {
    const created = await page.request.post("/api/evals", {
      data: { name: `Judged ${testInfo.project.name} ${Date.now()}` },
    });
    const { set } = (await created.json()) as { set: { id: string } };
    const passwordCase = {
      id: "pw-judged",
      channel: "sms",
      input: "How do I reset my password?",
      expect: { outcome: "answer", article: "Resetting your password" },
    };
    expect(
      (await page.request.post(`/api/evals/${set.id}/cases`, { data: { cases: [passwordCase] } })).status(),
    ).toBeLessThan(300);
    standIn.script(
      { kind: "tool_call", name: "search_knowledge_base", arguments: { query: "reset password" } },
      {
        kind: "text",
        text: "Choose Forgot password on the sign-in page; the link lasts 60 minutes. (Resetting your password)",
      },
      {
        kind: "text",
        text: JSON.stringify({
          checks: [
            { key: "grounded", pass: true, why: "Both steps are in the article." },
            { key: "complete", pass: false, why: "It leaves out the spam folder." },
            { key: "tone", pass: true, why: "Short and polite." },
          ],
        }),
      },
    );

    await page.goto(`/evals/${set.id}`);
    // The offline model cannot judge: the form says so and nothing starts.
    await page.getByTestId("eval-run-model").fill("local");
    await page.getByTestId("eval-run-judge").check();
    await page.getByTestId("eval-run-start").click();
    await expect(page.getByRole("alert").filter({ hasText: "Graded checks" })).toContainText(
      "Graded checks need a hosted model as the judge",
    );
    await expect(page.getByTestId("eval-run-row")).toHaveCount(0);

    await page.getByTestId("eval-run-label").fill("Judged run");
    await page.getByTestId("eval-run-model").fill("openai-compatible:judge-e2e");
    await page.getByTestId("eval-run-base-url").fill(standIn.url);
    await page.getByTestId("eval-run-judge").check();
    await page.getByTestId("eval-run-start").click();
    const confirm = page.getByTestId("eval-cost-confirm");
    await expect(confirm).toContainText(
      "This run calls openai-compatible:judge-e2e 1 time, and again to grade each case: the model has no price set",
    );
    await page.getByTestId("eval-cost-accept").click();
    const row = page.getByTestId("eval-run-row").filter({ hasText: "Judged run" });
    await expect(row).toHaveAttribute("data-status", "done");
    await row.getByRole("link", { name: "Judged run" }).click();

    // The deterministic figures say the answer was right; the judge, apart, fails it on completeness.
    await expect(page.getByTestId("eval-figure-answerPrecision").getByTestId("ratio")).toHaveText("1 of 1");
    const graded = page.getByTestId("eval-graded");
    await expect(graded).toContainText("openai-compatible:judge-e2e read each case");
    await expect(graded.getByTestId("eval-graded-judged")).toHaveText("1 of 1");
    await expect(graded.getByTestId("eval-graded-grounded").getByTestId("value")).toHaveText("100%");
    await expect(graded.getByTestId("eval-graded-complete").getByTestId("value")).toHaveText("0%");
    await expect(graded.getByTestId("eval-graded-complete").getByTestId("ratio")).toHaveText("0 of 1");
    await graded.getByTestId("eval-graded-complete").click();
    await expect(page).toHaveURL(/filter=graded-complete$/);
    const entry = page.getByTestId("eval-run-case");
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute("data-passed", "true");
    await entry.locator("summary").first().click();
    const grades = entry.getByTestId("eval-case-graded");
    await expect(grades.locator('[data-check="complete"]')).toHaveAttribute("data-pass", "false");
    await expect(grades.locator('[data-check="complete"]')).toContainText("It leaves out the spam folder.");
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: "test-results/screens/eval-run-judged.png", fullPage: true });
  } finally {
    await standIn.close();
  }
});
