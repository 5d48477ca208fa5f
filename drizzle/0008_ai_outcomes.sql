ALTER TABLE "sessions" ADD COLUMN "ai_outcome" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "ai_outcome_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "human_replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "reopened_at" timestamp with time zone;--> statement-breakpoint
-- Hand-written below. Sessions that an old re-run left "AI answering" for good (it set the status before finding
-- the message already answered): the status follows where the answer went. A session touched in the last hour is
-- left alone, in case its run is still going.
WITH latest AS (
	SELECT DISTINCT ON (r.session_id) r.session_id, r.outcome, r.delivery_intent->>'mode' AS mode
	FROM agent_runs r
	WHERE r.delivery_status = 'delivered'
	ORDER BY r.session_id, r.started_at DESC
)
UPDATE sessions s
SET status = CASE WHEN latest.outcome = 'reply' AND coalesce(latest.mode, 'reply') = 'reply' THEN 'answered' ELSE 'handed_off' END,
	status_reason = 'repaired: a re-run had left the session "AI answering"'
FROM latest
WHERE latest.session_id = s.id AND s.status = 'ai_answering' AND s.updated_at < now() - interval '1 hour';
--> statement-breakpoint
-- The AI's outcome of existing sessions, from their runs: the newest run that reached Front (a reply, a draft or a
-- note with the answer is "answered"; a handoff is "handed_off"), or that failed; sessions that failed before a
-- run, "failed"; the rest (skipped, or archived before the AI took part), "skipped".
WITH acted AS (
	SELECT DISTINCT ON (r.session_id) r.session_id,
		CASE
			WHEN r.delivery_status = 'delivered' AND r.outcome = 'reply' THEN 'answered'
			WHEN r.delivery_status = 'delivered' AND r.outcome = 'handoff' THEN 'handed_off'
			ELSE 'failed'
		END AS outcome,
		coalesce(r.delivered_at, r.finished_at, r.started_at) AS at
	FROM agent_runs r
	WHERE r.delivery_status IN ('delivered', 'failed') OR r.status = 'failed'
	ORDER BY r.session_id, r.started_at DESC
)
UPDATE sessions s
SET ai_outcome = CASE WHEN s.flag = 'reply_not_delivered' THEN 'failed' ELSE acted.outcome END, ai_outcome_at = acted.at
FROM acted
WHERE acted.session_id = s.id;
--> statement-breakpoint
UPDATE sessions SET ai_outcome = 'failed', ai_outcome_at = updated_at WHERE ai_outcome IS NULL AND status = 'failed';
--> statement-breakpoint
UPDATE sessions SET ai_outcome = 'skipped', ai_outcome_at = created_at WHERE ai_outcome IS NULL AND status IN ('skipped', 'resolved');
--> statement-breakpoint
-- Human follow-up after the AI's act: a teammate's first reply, and the first reopen event of the conversation.
UPDATE sessions s
SET human_replied_at = (
	SELECT min(m.sent_at) FROM session_messages m
	WHERE m.session_id = s.id AND m.author_type = 'teammate' AND m.sent_at >= s.ai_outcome_at
)
WHERE s.ai_outcome IN ('answered', 'handed_off', 'failed');
--> statement-breakpoint
UPDATE sessions s
SET reopened_at = (
	SELECT min(e.sent_at) FROM webhook_events e
	WHERE e.front_conversation_id = s.front_conversation_id AND e.event_type = 'reopen' AND e.rerun_of IS NULL AND e.sent_at >= s.ai_outcome_at
)
WHERE s.ai_outcome IN ('answered', 'handed_off', 'failed');
