import type { SessionDetailResponse } from "@/lib/inbox/session-detail";

export type { SessionDetailResponse };

// The parts of GET /api/sessions/[id] that the session page's pieces take, named from the answer's type.
export type SessionRecord = SessionDetailResponse["session"];
/** Another session of the same contact (same normalised phone number or email), newest first. */
export type ContactSessionRecord = SessionDetailResponse["contactSessions"][number];
export type SessionMessageRecord = SessionDetailResponse["messages"][number];
export type RunRecord = SessionDetailResponse["runs"][number];
export type StepRecord = RunRecord["steps"][number];
export type HandoffRecord = SessionDetailResponse["handoffs"][number];
export type EventRecord = SessionDetailResponse["events"][number];
