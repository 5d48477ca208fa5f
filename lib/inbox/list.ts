import type { Db } from "../db/client";
import { listSessions, type SessionListOptions } from "../db/queries/sessions";
import { gapGroupSessionIds } from "../reports/knowledge-gaps/query";

/**
 * One page of the Inbox for its filters. A `gap` filter lists one knowledge-gap group, regrouped over the filters'
 * range and channels as the Reports page groups it, so a knowledge-gaps row's drill-down shows exactly its sessions.
 */
export async function listInboxSessions(db: Db, options: Omit<SessionListOptions, "gapSessionIds">) {
  const { filters } = options;
  const gapSessionIds = filters?.gap
    ? await gapGroupSessionIds(db, { from: filters.from, to: filters.to, channels: filters.channel }, filters.gap)
    : undefined;
  return listSessions(db, { ...options, gapSessionIds });
}
