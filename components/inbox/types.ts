import type { listSessions } from "@/lib/db/queries/sessions";

/** A value as it arrives over JSON: dates become ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends Array<infer Item>
    ? Serialized<Item>[]
    : T extends object
      ? { [Key in keyof T]: Serialized<T[Key]> }
      : T;

/** One Inbox row from GET /api/sessions. */
export type SessionRow = Serialized<Awaited<ReturnType<typeof listSessions>>["sessions"][number]>;

export interface SessionListResponse {
  sessions: SessionRow[];
  nextCursor: string | null;
}
