import { FrontApiError } from "../front/errors";
import { FrontClient } from "../front/client";
import { checkTokenScopes, type ScopeCheck } from "../front/token-scopes";

export type TokenCheck =
  | { ok: true; company: { id: string; name?: string | null }; scopes: ScopeCheck }
  | { ok: false; code: "token_rejected" | "no_api_access" | "front_unreachable" | "front_error"; message: string };

/**
 * Checks a token against GET /me before it is saved, and says in plain words what is wrong with it; then which of
 * the scopes Frontline needs it has (a token without some still saves: Settings → Front names what is missing).
 */
export async function checkFrontToken(baseUrl: string, token: string): Promise<TokenCheck> {
  const client = new FrontClient({ baseUrl, token, maxRetries: 1, timeoutMs: 10_000 });
  try {
    const me = await client.me();
    return { ok: true, company: { id: me.id, name: me.name ?? null }, scopes: await checkTokenScopes(client) };
  } catch (error) {
    if (!(error instanceof FrontApiError))
      return { ok: false, code: "front_error", message: `Unexpected error: ${String(error)}` };
    if (error.status === 401) {
      return {
        ok: false,
        code: "token_rejected",
        message: "Front rejected this token (401). Copy it again from Front → Settings → Developers → API tokens.",
      };
    }
    if (error.status === 402 || error.status === 403) {
      return {
        ok: false,
        code: "no_api_access",
        message: `Front refused API access (${error.status}): the company's plan may not include the API, or the token lacks the scopes Frontline needs.`,
      };
    }
    if (error.status === 0)
      return { ok: false, code: "front_unreachable", message: `Could not reach Front at ${baseUrl}: ${error.message}` };
    return { ok: false, code: "front_error", message: error.message };
  }
}

/**
 * GET /me for the webhook endpoint, which needs the company of a token set in the environment (never saved in
 * Settings → Front, so never checked there): one quick try, since Front waits for the webhook's answer.
 */
export async function lookUpCompany(baseUrl: string, token: string): Promise<{ id: string; name?: string | null }> {
  const me = await new FrontClient({ baseUrl, token, maxRetries: 0, timeoutMs: 3_000 }).me();
  return { id: me.id, name: me.name ?? null };
}

/**
 * The events a Front admin subscribes the webhook to: every event the pipeline acts on. Application webhooks see
 * only conversations in shared inboxes.
 */
export const WEBHOOK_SUBSCRIPTIONS = [
  { event: "Inbound messages", why: "customer messages and calls for the AI to answer" },
  {
    event: "Outbound messages and outbound replies",
    why: "teammates' replies (and the AI's own) recorded, never answered again",
  },
  { event: "Conversation archived", why: "the session is resolved" },
  { event: "Conversation assigned", why: "assigning a conversation to the AI teammate hands it the last message" },
  { event: "Call transcript added and voicemail transcript added", why: "a call's words arrive after the call" },
  {
    event: "Message sending error and message bounced",
    why: "a reply Front accepted but could not send is handed to a person",
  },
  { event: "Conversation deleted (trash)", why: "the session ends" },
  { event: "Conversations merged", why: "the merged conversation's session moves onto the one that remains" },
];
