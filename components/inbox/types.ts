import type { Serialized } from "@/lib/api/json";
import type { listSessions } from "@/lib/db/queries/sessions";

// Moved to lib so that answers typed there can use it; the components still take it from here.
export type { Serialized };

/** One Inbox row from GET /api/sessions. */
export type SessionRow = Serialized<Awaited<ReturnType<typeof listSessions>>["sessions"][number]>;

export interface SessionListResponse {
  sessions: SessionRow[];
  nextCursor: string | null;
}
