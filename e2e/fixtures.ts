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
