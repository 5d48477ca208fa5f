import { test as base, expect, type APIRequestContext } from "@playwright/test";

/** The Front simulator beside each project's app (set per project in playwright.config.ts). */
export const test = base.extend<{ simUrl: string }>({
  simUrl: ["http://127.0.0.1:4110", { option: true }],
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
  const state = (await (await request.get(`${simUrl}/_sim/state`)).json()) as { conversations: { messages: { text?: string | null }[] }[] };
  const placed = state.conversations.some((conversation) => conversation.messages.some((message) => message.text?.includes("charged twice for my March invoice")));
  if (placed) return;
  const response = await request.post(`${simUrl}/_sim/samples`);
  expect(response.ok()).toBeTruthy();
}
