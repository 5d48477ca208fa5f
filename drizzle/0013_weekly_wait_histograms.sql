CREATE TABLE "handoff_reply_weekly_histogram" (
	"week" date NOT NULL,
	"channel" text NOT NULL,
	"bucket" integer NOT NULL,
	"sessions" integer NOT NULL,
	"wait_seconds_sum" double precision NOT NULL,
	CONSTRAINT "handoff_reply_weekly_histogram_key" UNIQUE("week","channel","bucket")
);
--> statement-breakpoint
CREATE TABLE "run_wait_weekly_histogram" (
	"week" date NOT NULL,
	"channel" text NOT NULL,
	"bucket" integer NOT NULL,
	"runs" integer NOT NULL,
	"wait_seconds_sum" double precision NOT NULL,
	CONSTRAINT "run_wait_weekly_histogram_key" UNIQUE("week","channel","bucket")
);
--> statement-breakpoint
-- Hand-written below: each weekly table is the sum of its daily table's rows by the Monday (UTC) of their day, kept
-- so by statement triggers on the daily table (whatever writes it: the rollup triggers, report_rollups_rebuild()).
-- Each statement writes its rows in key order, as the daily triggers do, so two writers cannot deadlock on them.
CREATE FUNCTION report_week(day date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
	SELECT day - (extract(isodow FROM day)::integer - 1)
$$;
--> statement-breakpoint
CREATE FUNCTION report_run_wait_weekly_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO run_wait_weekly_histogram AS t (week, channel, bucket, runs, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, sum(runs), sum(wait_seconds_sum) FROM new_rows
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ON CONSTRAINT run_wait_weekly_histogram_key DO UPDATE SET runs = t.runs + excluded.runs, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	ELSIF TG_OP = 'UPDATE' THEN
		INSERT INTO run_wait_weekly_histogram AS t (week, channel, bucket, runs, wait_seconds_sum)
		SELECT report_week(c.day), c.channel, c.bucket, sum(c.runs), sum(c.wait_seconds_sum)
		FROM (
			SELECT day, channel, bucket, runs, wait_seconds_sum FROM new_rows
			UNION ALL
			SELECT day, channel, bucket, -runs, -wait_seconds_sum FROM old_rows
		) c
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ON CONSTRAINT run_wait_weekly_histogram_key DO UPDATE SET runs = t.runs + excluded.runs, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	ELSE
		INSERT INTO run_wait_weekly_histogram AS t (week, channel, bucket, runs, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, -sum(runs), -sum(wait_seconds_sum) FROM old_rows
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ON CONSTRAINT run_wait_weekly_histogram_key DO UPDATE SET runs = t.runs + excluded.runs, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_handoff_reply_weekly_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO handoff_reply_weekly_histogram AS t (week, channel, bucket, sessions, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, sum(sessions), sum(wait_seconds_sum) FROM new_rows
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ON CONSTRAINT handoff_reply_weekly_histogram_key DO UPDATE SET sessions = t.sessions + excluded.sessions, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	ELSIF TG_OP = 'UPDATE' THEN
		INSERT INTO handoff_reply_weekly_histogram AS t (week, channel, bucket, sessions, wait_seconds_sum)
		SELECT report_week(c.day), c.channel, c.bucket, sum(c.sessions), sum(c.wait_seconds_sum)
		FROM (
			SELECT day, channel, bucket, sessions, wait_seconds_sum FROM new_rows
			UNION ALL
			SELECT day, channel, bucket, -sessions, -wait_seconds_sum FROM old_rows
		) c
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ON CONSTRAINT handoff_reply_weekly_histogram_key DO UPDATE SET sessions = t.sessions + excluded.sessions, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	ELSE
		INSERT INTO handoff_reply_weekly_histogram AS t (week, channel, bucket, sessions, wait_seconds_sum)
		SELECT report_week(day), channel, bucket, -sum(sessions), -sum(wait_seconds_sum) FROM old_rows
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT ON CONSTRAINT handoff_reply_weekly_histogram_key DO UPDATE SET sessions = t.sessions + excluded.sessions, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
-- A trigger with transition tables takes one event each.
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
-- The triggers (created above, in this transaction) hold off writers until the backfill commits.
INSERT INTO run_wait_weekly_histogram (week, channel, bucket, runs, wait_seconds_sum)
SELECT report_week(day), channel, bucket, sum(runs), sum(wait_seconds_sum) FROM run_wait_histogram GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO handoff_reply_weekly_histogram (week, channel, bucket, sessions, wait_seconds_sum)
SELECT report_week(day), channel, bucket, sum(sessions), sum(wait_seconds_sum) FROM handoff_reply_histogram GROUP BY 1, 2, 3;
