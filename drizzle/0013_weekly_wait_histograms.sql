CREATE TABLE "handoff_reply_weekly_histogram" (
	"week" date NOT NULL,
	"channel" text NOT NULL,
	"bucket" integer NOT NULL,
	"sessions" integer NOT NULL,
	"wait_seconds_sum" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_wait_weekly_histogram" (
	"week" date NOT NULL,
	"channel" text NOT NULL,
	"bucket" integer NOT NULL,
	"runs" integer NOT NULL,
	"wait_seconds_sum" double precision NOT NULL
);
--> statement-breakpoint
CREATE INDEX "handoff_reply_weekly_histogram_key_idx" ON "handoff_reply_weekly_histogram" USING btree ("week","channel","bucket");--> statement-breakpoint
CREATE INDEX "run_wait_weekly_histogram_key_idx" ON "run_wait_weekly_histogram" USING btree ("week","channel","bucket");--> statement-breakpoint
-- Hand-written below. Each weekly table holds, per Monday (UTC), channel and bucket, rows whose sum equals the sum of
-- the daily table's rows of that week: statement triggers on the daily table append each change as rows of
-- differences. They only ever insert, so a write never waits for another on a week's row (an upsert there would:
-- one transaction holding Monday's daily row and the week's row, another Thursday's daily row and waiting for the
-- week's, deadlock when the first then writes Thursday). report_weekly_histograms_compact(), run by the workers'
-- upkeep, folds each key's rows into one.
CREATE FUNCTION report_week(day date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
	SELECT day - (extract(isodow FROM day)::integer - 1)
$$;
--> statement-breakpoint
CREATE FUNCTION report_run_wait_weekly_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO run_wait_weekly_histogram (week, channel, bucket, runs, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, sum(runs), sum(wait_seconds_sum) FROM new_rows GROUP BY 1, 2, 3;
	ELSIF TG_OP = 'UPDATE' THEN
		INSERT INTO run_wait_weekly_histogram (week, channel, bucket, runs, wait_seconds_sum)
		SELECT report_week(c.day), c.channel, c.bucket, sum(c.runs), sum(c.wait_seconds_sum)
		FROM (
			SELECT day, channel, bucket, runs, wait_seconds_sum FROM new_rows
			UNION ALL
			SELECT day, channel, bucket, -runs, -wait_seconds_sum FROM old_rows
		) c
		GROUP BY 1, 2, 3;
	ELSE
		INSERT INTO run_wait_weekly_histogram (week, channel, bucket, runs, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, -sum(runs), -sum(wait_seconds_sum) FROM old_rows GROUP BY 1, 2, 3;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_handoff_reply_weekly_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO handoff_reply_weekly_histogram (week, channel, bucket, sessions, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, sum(sessions), sum(wait_seconds_sum) FROM new_rows GROUP BY 1, 2, 3;
	ELSIF TG_OP = 'UPDATE' THEN
		INSERT INTO handoff_reply_weekly_histogram (week, channel, bucket, sessions, wait_seconds_sum)
		SELECT report_week(c.day), c.channel, c.bucket, sum(c.sessions), sum(c.wait_seconds_sum)
		FROM (
			SELECT day, channel, bucket, sessions, wait_seconds_sum FROM new_rows
			UNION ALL
			SELECT day, channel, bucket, -sessions, -wait_seconds_sum FROM old_rows
		) c
		GROUP BY 1, 2, 3;
	ELSE
		INSERT INTO handoff_reply_weekly_histogram (week, channel, bucket, sessions, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, -sum(sessions), -sum(wait_seconds_sum) FROM old_rows GROUP BY 1, 2, 3;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
-- A trigger with transition tables takes one event each. A truncate of a daily table empties its weekly one.
CREATE TRIGGER report_run_wait_weekly_insert AFTER INSERT ON run_wait_histogram REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_run_wait_weekly_trigger();
--> statement-breakpoint
CREATE TRIGGER report_run_wait_weekly_update AFTER UPDATE ON run_wait_histogram REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_run_wait_weekly_trigger();
--> statement-breakpoint
CREATE TRIGGER report_run_wait_weekly_delete AFTER DELETE ON run_wait_histogram REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_run_wait_weekly_trigger();
--> statement-breakpoint
CREATE TRIGGER report_handoff_reply_weekly_insert AFTER INSERT ON handoff_reply_histogram REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_handoff_reply_weekly_trigger();
--> statement-breakpoint
CREATE TRIGGER report_handoff_reply_weekly_update AFTER UPDATE ON handoff_reply_histogram REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_handoff_reply_weekly_trigger();
--> statement-breakpoint
CREATE TRIGGER report_handoff_reply_weekly_delete AFTER DELETE ON handoff_reply_histogram REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_handoff_reply_weekly_trigger();
--> statement-breakpoint
CREATE FUNCTION report_weekly_histograms_truncate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'run_wait_histogram' THEN
		DELETE FROM run_wait_weekly_histogram;
	ELSE
		DELETE FROM handoff_reply_weekly_histogram;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_run_wait_weekly_truncate AFTER TRUNCATE ON run_wait_histogram FOR EACH STATEMENT EXECUTE FUNCTION report_weekly_histograms_truncate_trigger();
--> statement-breakpoint
CREATE TRIGGER report_handoff_reply_weekly_truncate AFTER TRUNCATE ON handoff_reply_histogram FOR EACH STATEMENT EXECUTE FUNCTION report_weekly_histograms_truncate_trigger();
--> statement-breakpoint
-- Folds the rows of each key that has several into one (dropping keys that sum to nothing). A row appended meanwhile
-- is not among the deleted ones and stays, so the sums hold at every moment; two compactions at once each fold only
-- the rows they deleted.
CREATE FUNCTION report_weekly_histograms_compact() RETURNS void LANGUAGE sql AS $$
	WITH crowded AS (
		SELECT week, channel, bucket FROM run_wait_weekly_histogram GROUP BY 1, 2, 3 HAVING count(*) > 1
	), moved AS (
		DELETE FROM run_wait_weekly_histogram w USING crowded c
		WHERE w.week = c.week AND w.channel = c.channel AND w.bucket = c.bucket
		RETURNING w.week, w.channel, w.bucket, w.runs, w.wait_seconds_sum
	)
	INSERT INTO run_wait_weekly_histogram (week, channel, bucket, runs, wait_seconds_sum)
	SELECT week, channel, bucket, sum(runs), sum(wait_seconds_sum) FROM moved GROUP BY 1, 2, 3 HAVING sum(runs) <> 0;
	WITH crowded AS (
		SELECT week, channel, bucket FROM handoff_reply_weekly_histogram GROUP BY 1, 2, 3 HAVING count(*) > 1
	), moved AS (
		DELETE FROM handoff_reply_weekly_histogram w USING crowded c
		WHERE w.week = c.week AND w.channel = c.channel AND w.bucket = c.bucket
		RETURNING w.week, w.channel, w.bucket, w.sessions, w.wait_seconds_sum
	)
	INSERT INTO handoff_reply_weekly_histogram (week, channel, bucket, sessions, wait_seconds_sum)
	SELECT week, channel, bucket, sum(sessions), sum(wait_seconds_sum) FROM moved GROUP BY 1, 2, 3 HAVING sum(sessions) <> 0;
$$;
--> statement-breakpoint
-- As in 0009, and the weekly tables emptied once their daily tables are (the inserts then refill them) and folded.
CREATE OR REPLACE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
	DELETE FROM session_daily_stats;
	DELETE FROM run_wait_histogram;
	DELETE FROM session_ai_daily_stats;
	DELETE FROM handoff_reply_histogram;
	DELETE FROM run_wait_weekly_histogram;
	DELETE FROM handoff_reply_weekly_histogram;
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
	SELECT report_weekly_histograms_compact();
$$;
--> statement-breakpoint
-- The triggers (created above, in this transaction) hold off writers until the backfill commits.
INSERT INTO run_wait_weekly_histogram (week, channel, bucket, runs, wait_seconds_sum)
SELECT report_week(day), channel, bucket, sum(runs), sum(wait_seconds_sum) FROM run_wait_histogram GROUP BY 1, 2, 3 HAVING sum(runs) <> 0;
--> statement-breakpoint
INSERT INTO handoff_reply_weekly_histogram (week, channel, bucket, sessions, wait_seconds_sum)
SELECT report_week(day), channel, bucket, sum(sessions), sum(wait_seconds_sum) FROM handoff_reply_histogram GROUP BY 1, 2, 3 HAVING sum(sessions) <> 0;
