import { test as base, expect, type APIRequestContext, type BrowserContext } from "@playwright/test";

/**
 * Collects every Content-Security-Policy violation in the context's pages from now on: the browser's console
 * message ("Refused to execute inline script because it violates the following Content Security Policy
 * directive…") and the page's own `securitypolicyviolation` event (which directive, what was blocked, where).
 */
export async function watchCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  context.on("console", (message) => {
    if (/Content Security Policy|^\[csp-violation\]/.test(message.text()))
      violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  });
  return violations;
}

/** The Front simulator beside each project's app (set per project in playwright.config.ts). */
export const test = base.extend<{ simUrl: string }>({
  simUrl: ["http://127.0.0.1:4110", { option: true }],
  // Every browser test fails on a CSP violation: a page whose scripts the policy blocks is a broken page. (Contexts a
  // spec opens itself with browser.newContext() are not watched unless it calls watchCspViolations.)
  context: async ({ context }, provide) => {
    const violations = await watchCspViolations(context);
    await provide(context);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

export { expect };

export async function placeCall(request: APIRequestContext, simUrl: string, call: Record<string, unknown>) {
  const response = await request.post(`${simUrl}/_sim/calls`, { data: call });
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as { conversationId: string; eventId: string; delivery: { status: number } };
}

/**
 * Places the demo's sample conversations through this project's simulator, once: every spec that needs them calls
 * this, and whichever runs first places them.
 */
export async function ensureSamples(request: APIRequestContext, simUrl: string) {
  const state = (await (await request.get(`${simUrl}/_sim/state`)).json()) as {
    conversations: { messages: { text?: string | null }[] }[];
  };
  const placed = state.conversations.some((conversation) =>
    conversation.messages.some((message) => message.text?.includes("charged twice for my March invoice")),
  );
  if (placed) return;
  const response = await request.post(`${simUrl}/_sim/samples`);
  expect(response.ok()).toBeTruthy();
}
