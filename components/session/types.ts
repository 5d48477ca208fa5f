import type { SessionDetail as DbSessionDetail } from "@/lib/db/queries/sessions";
import type { WebhookEvent } from "@/lib/db/schema";
import type { Serialized } from "@/components/inbox/types";

type DetailRun = DbSessionDetail["runs"][number];

export type SessionRecord = Serialized<DbSessionDetail["session"]>;
/** Another session of the same contact (same normalised phone number or email), newest first. */
export type ContactSessionRecord = Serialized<DbSessionDetail["contactSessions"][number]>;
export type SessionMessageRecord = Serialized<DbSessionDetail["messages"][number]>;
export type StepRecord = Serialized<DetailRun["steps"][number]>;
export type HandoffRecord = Serialized<DbSessionDetail["handoffs"][number]>;
export type RunRecord = Serialized<DetailRun> & { modelLabel: string };
export type EventRecord = Serialized<Omit<WebhookEvent, "body" | "headers">>;

/** GET /api/sessions/[id]. */
export interface SessionDetailResponse {
  session: SessionRecord;
  contactSessions: ContactSessionRecord[];
  messages: SessionMessageRecord[];
  runs: RunRecord[];
  handoffs: HandoffRecord[];
  /** Newest first, as the route returns them. */
  events: EventRecord[];
  frontUrl: string;
  appUrl: string;
}
