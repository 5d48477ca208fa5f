import type { FrontClient } from "./client";

// Front API tokens carry scopes, and every endpoint needs its own (`x-required-scopes` in Front's OpenAPI document).
// Front has no call that lists a token's scopes, so each is checked by a request that needs it and can change
// nothing: a read, or a write to a conversation id that cannot exist. Front answers 403 when the scope is missing,
// before it looks at the conversation; anything else (404, 400) means the scope is there.

/** An id with a character Front's ids never have: no write can ever land on a real conversation. */
const NO_SUCH_CONVERSATION = "/conversations/cnv_frontline-scope-check";

export interface ScopeRequirement {
  scope: string;
  /** What Frontline does with it, in the words Settings → Front shows. */
  usedFor: string;
  method: "GET" | "POST" | "PUT";
  path: string;
  body?: unknown;
}

export const SCOPE_REQUIREMENTS: ScopeRequirement[] = [
  {
    scope: "messages:read",
    usedFor: "read the customer's messages and calls",
    method: "GET",
    path: `${NO_SUCH_CONVERSATION}/messages`,
  },
  {
    scope: "conversations:read",
    usedFor: "see who a conversation is assigned to",
    method: "GET",
    path: NO_SUCH_CONVERSATION,
  },
  {
    // Front's name for reading events of every kind of inbox (shared and private).
    scope: "events:*:read",
    usedFor: "read the event a preview webhook announces",
    method: "GET",
    path: "/events/evt_frontline-scope-check",
  },
  {
    scope: "messages:send",
    usedFor: "reply to customers and text callers back",
    method: "POST",
    path: `${NO_SUCH_CONVERSATION}/messages`,
    body: {},
  },
  {
    scope: "comments:write",
    usedFor: "post handoff comments and callback notes",
    method: "POST",
    path: `${NO_SUCH_CONVERSATION}/comments`,
    body: {},
  },
  {
    scope: "conversations:write",
    usedFor: "unassign a conversation on handoff, and archive",
    method: "PUT",
    path: `${NO_SUCH_CONVERSATION}/assignee`,
    body: {},
  },
  {
    scope: "drafts:write",
    usedFor: "leave shared drafts for a teammate",
    method: "POST",
    path: `${NO_SUCH_CONVERSATION}/drafts`,
    body: {},
  },
  {
    scope: "comments:read",
    usedFor: "check a comment was posted before posting it again",
    method: "GET",
    path: `${NO_SUCH_CONVERSATION}/comments`,
  },
  {
    scope: "drafts:read",
    usedFor: "check a draft was left before leaving it again",
    method: "GET",
    path: `${NO_SUCH_CONVERSATION}/drafts`,
  },
  { scope: "teammates:read", usedFor: "pick the AI teammate", method: "GET", path: "/teammates" },
  {
    scope: "channels:read",
    usedFor: "pick the SMS channel callers are texted back from, and a draft's channel",
    method: "GET",
    path: "/channels",
  },
  { scope: "inboxes:read", usedFor: "find the channel a draft is sent from", method: "GET", path: "/inboxes" },
];

export type ScopeState = "granted" | "missing" | "unknown";

export interface ScopeResult {
  scope: string;
  usedFor: string;
  state: ScopeState;
  /** Front's status for the check: 403 is a missing scope; 0 means Front did not answer. */
  status: number;
}

export interface ScopeCheck {
  checkedAt: string;
  results: ScopeResult[];
  missing: string[];
}

/** Asks Front once per scope, one after another (each is one request of the company's per-minute budget). */
export async function checkTokenScopes(front: FrontClient, now = () => new Date()): Promise<ScopeCheck> {
  const results: ScopeResult[] = [];
  for (const requirement of SCOPE_REQUIREMENTS) {
    const status = await front.answerStatus(requirement.method, requirement.path, requirement.body);
    const state: ScopeState =
      status === 403
        ? "missing"
        : status === 0 || status === 401 || status === 429 || status >= 500
          ? "unknown"
          : "granted";
    results.push({ scope: requirement.scope, usedFor: requirement.usedFor, state, status });
  }
  return {
    checkedAt: now().toISOString(),
    results,
    missing: results.filter((result) => result.state === "missing").map((result) => result.scope),
  };
}

/** "The token lacks messages:send (reply to customers …)": one line per missing scope. */
export function describeMissingScopes(check: ScopeCheck): string[] {
  return check.results
    .filter((result) => result.state === "missing")
    .map((result) => `The token lacks ${result.scope}: Frontline cannot ${result.usedFor}.`);
}
