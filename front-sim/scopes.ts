// API token scopes: each Core API operation needs its own (the spec's `x-required-scopes`), and a token without
// it gets a 403. The contract test checks this table against Front's spec.

/** `${METHOD} ${spec path}` → the scopes Front requires for it (front-api-specs core-api.json, `x-required-scopes`). */
export const FRONT_SCOPES_BY_ENDPOINT: Readonly<Record<string, readonly string[]>> = {
  "GET /me": [],
  "GET /teammates": ["teammates:read"],
  "GET /teammates/{teammate_id}": ["teammates:read"],
  "GET /inboxes": ["inboxes:read"],
  "GET /inboxes/{inbox_id}": ["inboxes:read"],
  "GET /inboxes/{inbox_id}/channels": ["channels:read"],
  "GET /channels": ["channels:read"],
  "GET /channels/{channel_id}": ["channels:read"],
  "GET /messages/{message_id}": ["messages:read"],
  "GET /comments/{comment_id}": ["comments:read"],
  "GET /events/{event_id}": ["events:*:read"],
  "GET /conversations/{conversation_id}": ["conversations:read"],
  "PATCH /conversations/{conversation_id}": ["conversations:write"],
  "GET /conversations/{conversation_id}/messages": ["messages:read"],
  "POST /conversations/{conversation_id}/messages": ["messages:send"],
  "GET /conversations/{conversation_id}/comments": ["comments:read"],
  "POST /conversations/{conversation_id}/comments": ["comments:write"],
  "PUT /conversations/{conversation_id}/assignee": ["conversations:write"],
  "GET /conversations/{conversation_id}/drafts": ["drafts:read"],
  "POST /conversations/{conversation_id}/drafts": ["drafts:write"],
  "GET /conversations/{conversation_id}/inboxes": ["inboxes:read"],
};

/** Every scope some endpoint needs: what a token holds unless `tokenScopes` says otherwise. */
export const ALL_FRONT_SCOPES: readonly string[] = [...new Set(Object.values(FRONT_SCOPES_BY_ENDPOINT).flat())].sort();

/** The first scope the endpoint needs that the token lacks; undefined when it holds them all. */
export function missingScope(endpoint: string, held: readonly string[] | null): string | undefined {
  if (held === null) return undefined;
  return (FRONT_SCOPES_BY_ENDPOINT[endpoint] ?? []).find((scope) => !held.includes(scope));
}
