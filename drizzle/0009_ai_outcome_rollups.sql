CREATE TABLE "handoff_reply_histogram" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"bucket" integer NOT NULL,
	"sessions" integer NOT NULL,
	"wait_seconds_sum" double precision NOT NULL,
	CONSTRAINT "handoff_reply_histogram_key" UNIQUE("day","channel","bucket")
);
--> statement-breakpoint
CREATE TABLE "session_ai_daily_stats" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"ai_outcome" text,
	"handoff_reason" text,
	"acted_day" date,
	"followup_class" integer,
	"reopen_class" integer,
	"sessions" integer NOT NULL,
	CONSTRAINT "session_ai_daily_stats_key" UNIQUE NULLS NOT DISTINCT("day","channel","ai_outcome","handoff_reason","acted_day","followup_class","reopen_class")
);
--> statement-breakpoint
-- Hand-edited: the columns the AI rates read of the day a window's edge falls on ride in the index (index-only scan).
CREATE INDEX "sessions_ai_outcome_at_idx" ON "sessions" USING btree ("ai_outcome_at") INCLUDE ("created_at", "channel", "ai_outcome", "human_replied_at", "reopened_at");--> statement-breakpoint
CREATE INDEX "sessions_ai_outcome_activity_idx" ON "sessions" USING btree ("ai_outcome","last_activity_at","id");--> statement-breakpoint
-- Hand-written below: the triggers that keep the AI's rollups exact whichever code writes sessions (as 0006 does for
-- the other rollups), and report_rollups_rebuild() extended to recompute them.
-- How long after the AI acted a follow-up came, in the steps of the windows the Reports page offers
-- (RESULT_WINDOWS in lib/db/queries/session-filters.ts): null when none came.
CREATE FUNCTION report_delay_class(acted_at timestamptz, followed_at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN acted_at IS NULL OR followed_at IS NULL THEN NULL
		WHEN followed_at < acted_at + interval '24 hours' THEN 0
		WHEN followed_at < acted_at + interval '72 hours' THEN 1
		WHEN followed_at < acted_at + interval '168 hours' THEN 2
		WHEN followed_at < acted_at + interval '336 hours' THEN 3
		WHEN followed_at < acted_at + interval '720 hours' THEN 4
		ELSE 5
	END
$$;
--> statement-breakpoint
-- Buckets 5% wide of the seconds from a handoff to the first reply (minutes to days, a few dozen buckets a day):
-- bucket b holds waits of 1.05^(b-1) to 1.05^b seconds; 0 holds waits under a second.
CREATE FUNCTION report_reply_bucket(wait double precision) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN wait < 1 THEN 0 ELSE 1 + floor(ln(wait) / ln(1.05))::integer END
$$;
--> statement-breakpoint
-- Seconds from the AI's handoff to a teammate's first reply; null for any other session.
CREATE FUNCTION report_reply_wait(ai_outcome text, acted_at timestamptz, replied_at timestamptz) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN ai_outcome = 'handed_off' AND acted_at IS NOT NULL AND replied_at IS NOT NULL
		THEN greatest(extract(epoch FROM (replied_at - acted_at)), 0)::double precision END
$$;
--> statement-breakpoint
-- Each writes its -1 and +1 in one statement, rows in key order, as 0006's trigger does: no deadlock between two
-- sessions changing in opposite directions.
CREATE FUNCTION report_ai_rollups_session_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO session_ai_daily_stats AS t (day, channel, ai_outcome, handoff_reason, acted_day, followup_class, reopen_class, sessions)
	SELECT c.day, c.channel, c.ai_outcome, c.handoff_reason, c.acted_day, c.followup_class, c.reopen_class, sum(c.delta)
	FROM (
		SELECT (OLD.created_at AT TIME ZONE 'UTC')::date, OLD.channel, OLD.ai_outcome, OLD.handoff_reason, (OLD.ai_outcome_at AT TIME ZONE 'UTC')::date,
			report_delay_class(OLD.ai_outcome_at, least(OLD.human_replied_at, OLD.reopened_at)), report_delay_class(OLD.ai_outcome_at, OLD.reopened_at), -1
		WHERE TG_OP IN ('UPDATE', 'DELETE')
		UNION ALL
		SELECT (NEW.created_at AT TIME ZONE 'UTC')::date, NEW.channel, NEW.ai_outcome, NEW.handoff_reason, (NEW.ai_outcome_at AT TIME ZONE 'UTC')::date,
			report_delay_class(NEW.ai_outcome_at, least(NEW.human_replied_at, NEW.reopened_at)), report_delay_class(NEW.ai_outcome_at, NEW.reopened_at), 1
		WHERE TG_OP IN ('INSERT', 'UPDATE')
	) AS c(day, channel, ai_outcome, handoff_reason, acted_day, followup_class, reopen_class, delta)
	GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
	ON CONFLICT ON CONSTRAINT session_ai_daily_stats_key DO UPDATE SET sessions = t.sessions + excluded.sessions;
	INSERT INTO handoff_reply_histogram AS t (day, channel, bucket, sessions, wait_seconds_sum)
	SELECT c.day, c.channel, report_reply_bucket(c.wait), sum(c.delta), sum(c.delta * c.wait)
	FROM (
		SELECT (OLD.created_at AT TIME ZONE 'UTC')::date, OLD.channel, report_reply_wait(OLD.ai_outcome, OLD.ai_outcome_at, OLD.human_replied_at), -1
		WHERE TG_OP IN ('UPDATE', 'DELETE')
		UNION ALL
		SELECT (NEW.created_at AT TIME ZONE 'UTC')::date, NEW.channel, report_reply_wait(NEW.ai_outcome, NEW.ai_outcome_at, NEW.human_replied_at), 1
		WHERE TG_OP IN ('INSERT', 'UPDATE')
	) AS c(day, channel, wait, delta)
	WHERE c.wait IS NOT NULL
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
	ON CONFLICT ON CONSTRAINT handoff_reply_histogram_key DO UPDATE SET sessions = t.sessions + excluded.sessions, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_ai_rollups_truncate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM session_ai_daily_stats;
	DELETE FROM handoff_reply_histogram;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
	DELETE FROM session_daily_stats;
	DELETE FROM run_wait_histogram;
	DELETE FROM session_ai_daily_stats;
	DELETE FROM handoff_reply_histogram;
	INSERT INTO session_daily_stats (day, channel, status, sentiment, handoff_reason, sessions)
	SELECT (created_at AT TIME ZONE 'UTC')::date, channel, status, sentiment, handoff_reason, count(*) FROM sessions GROUP BY 1, 2, 3, 4, 5;
	INSERT INTO run_wait_histogram (day, channel, bucket, runs, wait_seconds_sum)
	SELECT day, channel, report_wait_bucket(wait), count(*), sum(wait)
	FROM (
		SELECT (s.created_at AT TIME ZONE 'UTC')::date AS day, s.channel, report_run_wait(r.received_at, r.delivered_at, r.outcome) AS wait
		FROM agent_runs r JOIN sessions s ON s.id = r.session_id
	) waits
	WHERE wait IS NOT NULL
	GROUP BY 1, 2, 3;
	INSERT INTO session_ai_daily_stats (day, channel, ai_outcome, handoff_reason, acted_day, followup_class, reopen_class, sessions)
	SELECT (created_at AT TIME ZONE 'UTC')::date, channel, ai_outcome, handoff_reason, (ai_outcome_at AT TIME ZONE 'UTC')::date,
		report_delay_class(ai_outcome_at, least(human_replied_at, reopened_at)), report_delay_class(ai_outcome_at, reopened_at), count(*)
	FROM sessions GROUP BY 1, 2, 3, 4, 5, 6, 7;
	INSERT INTO handoff_reply_histogram (day, channel, bucket, sessions, wait_seconds_sum)
	SELECT day, channel, report_reply_bucket(wait), count(*), sum(wait)
	FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, channel, report_reply_wait(ai_outcome, ai_outcome_at, human_replied_at) AS wait FROM sessions) waits
	WHERE wait IS NOT NULL
	GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
CREATE TRIGGER report_rollups_ai_session_insert AFTER INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION report_ai_rollups_session_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_ai_session_update AFTER UPDATE OF created_at, channel, ai_outcome, handoff_reason, ai_outcome_at, human_replied_at, reopened_at ON sessions FOR EACH ROW
	WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.ai_outcome IS DISTINCT FROM NEW.ai_outcome
		OR OLD.handoff_reason IS DISTINCT FROM NEW.handoff_reason OR OLD.ai_outcome_at IS DISTINCT FROM NEW.ai_outcome_at
		OR OLD.human_replied_at IS DISTINCT FROM NEW.human_replied_at OR OLD.reopened_at IS DISTINCT FROM NEW.reopened_at)
	EXECUTE FUNCTION report_ai_rollups_session_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_ai_session_delete AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION report_ai_rollups_session_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_ai_sessions_truncate AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION report_ai_rollups_truncate_trigger();
--> statement-breakpoint
-- The triggers (created above, in this transaction) hold off writers until the backfill commits.
SELECT report_rollups_rebuild();
