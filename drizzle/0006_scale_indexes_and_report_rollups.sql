-- The contact "contains" search uses trigram indexes (pg_trgm ships with Postgres; PGlite loads its contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "run_wait_histogram" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"bucket" integer NOT NULL,
	"runs" integer NOT NULL,
	"wait_seconds_sum" double precision NOT NULL,
	CONSTRAINT "run_wait_histogram_key" UNIQUE("day","channel","bucket")
);
--> statement-breakpoint
CREATE TABLE "session_daily_stats" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"sentiment" text,
	"handoff_reason" text,
	"sessions" integer NOT NULL,
	CONSTRAINT "session_daily_stats_key" UNIQUE NULLS NOT DISTINCT("day","channel","status","sentiment","handoff_reason")
);
--> statement-breakpoint
DROP INDEX "session_messages_text_search_idx";--> statement-breakpoint
ALTER TABLE "session_messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;--> statement-breakpoint
CREATE INDEX "sessions_contact_name_trgm_idx" ON "sessions" USING gin ("contact_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_contact_handle_trgm_idx" ON "sessions" USING gin ("contact_handle" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_contact_key_trgm_idx" ON "sessions" USING gin ("contact_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "session_messages_search_idx" ON "session_messages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "handoffs_session_idx" ON "handoffs" USING btree ("session_id","created_at");--> statement-breakpoint
-- Hand-written below: the triggers that keep the rollups exact whichever code writes sessions and runs, and
-- report_rollups_rebuild(), which recomputes both from scratch (here for the existing rows, and after a bulk load).
-- A report day is the UTC day a session started; a wait counts when a run delivered a reply or a handoff.
CREATE FUNCTION report_wait_bucket(wait double precision) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
	-- 1% wide: bucket b holds waits of 1.01^(b-1) to 1.01^b milliseconds; 0 holds waits under a millisecond.
	SELECT CASE WHEN wait < 0.001 THEN 0 ELSE 1 + floor(ln(wait * 1000) / ln(1.01))::integer END
$$;
--> statement-breakpoint
CREATE FUNCTION report_run_wait(received_at timestamptz, delivered_at timestamptz, outcome text) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN received_at IS NOT NULL AND delivered_at IS NOT NULL AND outcome IN ('reply', 'handoff')
		THEN greatest(extract(epoch FROM (delivered_at - received_at)), 0)::double precision END
$$;
--> statement-breakpoint
CREATE FUNCTION report_count_session(created_at timestamptz, channel text, status text, sentiment text, handoff_reason text, delta integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO session_daily_stats AS t (day, channel, status, sentiment, handoff_reason, sessions)
	VALUES ((created_at AT TIME ZONE 'UTC')::date, channel, status, sentiment, handoff_reason, delta)
	ON CONFLICT ON CONSTRAINT session_daily_stats_key DO UPDATE SET sessions = t.sessions + excluded.sessions
$$;
--> statement-breakpoint
-- Each writes its -1 and +1 in one statement, rows in key order: two sessions changing in opposite directions
-- (answered to ai_answering and back) lock the same two rows in the same order, and never deadlock.
CREATE FUNCTION report_rollups_session_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM report_count_session(NEW.created_at, NEW.channel, NEW.status, NEW.sentiment, NEW.handoff_reason, 1);
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM report_count_session(OLD.created_at, OLD.channel, OLD.status, OLD.sentiment, OLD.handoff_reason, -1);
	ELSE
		INSERT INTO session_daily_stats AS t (day, channel, status, sentiment, handoff_reason, sessions)
		SELECT (c.created_at AT TIME ZONE 'UTC')::date, c.channel, c.status, c.sentiment, c.handoff_reason, sum(c.delta)
		FROM (VALUES (OLD.created_at, OLD.channel, OLD.status, OLD.sentiment, OLD.handoff_reason, -1),
			(NEW.created_at, NEW.channel, NEW.status, NEW.sentiment, NEW.handoff_reason, 1)) AS c(created_at, channel, status, sentiment, handoff_reason, delta)
		GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
		ON CONFLICT ON CONSTRAINT session_daily_stats_key DO UPDATE SET sessions = t.sessions + excluded.sessions;
		-- A session's runs count on its day and channel: they move with it.
		IF (OLD.created_at AT TIME ZONE 'UTC')::date <> (NEW.created_at AT TIME ZONE 'UTC')::date OR OLD.channel <> NEW.channel THEN
			INSERT INTO run_wait_histogram AS t (day, channel, bucket, runs, wait_seconds_sum)
			SELECT m.day, m.channel, report_wait_bucket(m.wait), sum(m.delta), sum(m.delta * m.wait)
			FROM (
				SELECT w.day, w.channel, report_run_wait(r.received_at, r.delivered_at, r.outcome) AS wait, w.delta
				FROM agent_runs r
				CROSS JOIN (VALUES ((OLD.created_at AT TIME ZONE 'UTC')::date, OLD.channel, -1), ((NEW.created_at AT TIME ZONE 'UTC')::date, NEW.channel, 1)) AS w(day, channel, delta)
				WHERE r.session_id = NEW.id
			) m
			WHERE m.wait IS NOT NULL
			GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
			ON CONFLICT ON CONSTRAINT run_wait_histogram_key DO UPDATE SET runs = t.runs + excluded.runs, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
		END IF;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
-- Before the row goes, while its runs are still there: the cascade that deletes them no longer finds the session.
CREATE FUNCTION report_rollups_session_delete_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO run_wait_histogram AS t (day, channel, bucket, runs, wait_seconds_sum)
	SELECT (OLD.created_at AT TIME ZONE 'UTC')::date, OLD.channel, report_wait_bucket(w.wait), -count(*), -sum(w.wait)
	FROM (SELECT report_run_wait(r.received_at, r.delivered_at, r.outcome) AS wait FROM agent_runs r WHERE r.session_id = OLD.id) w
	WHERE w.wait IS NOT NULL
	GROUP BY 3 ORDER BY 3
	ON CONFLICT ON CONSTRAINT run_wait_histogram_key DO UPDATE SET runs = t.runs + excluded.runs, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_rollups_run_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO run_wait_histogram AS t (day, channel, bucket, runs, wait_seconds_sum)
	SELECT m.day, m.channel, report_wait_bucket(m.wait), sum(m.delta), sum(m.delta * m.wait)
	FROM (
		SELECT (s.created_at AT TIME ZONE 'UTC')::date AS day, s.channel, report_run_wait(c.received_at, c.delivered_at, c.outcome) AS wait, c.delta
		FROM (
			SELECT OLD.session_id, OLD.received_at, OLD.delivered_at, OLD.outcome, -1 WHERE TG_OP IN ('UPDATE', 'DELETE')
			UNION ALL
			SELECT NEW.session_id, NEW.received_at, NEW.delivered_at, NEW.outcome, 1 WHERE TG_OP IN ('INSERT', 'UPDATE')
		) AS c(session_id, received_at, delivered_at, outcome, delta)
		-- No session: it is being deleted, and its delete trigger took its runs out.
		JOIN sessions s ON s.id = c.session_id
	) m
	WHERE m.wait IS NOT NULL
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
	ON CONFLICT ON CONSTRAINT run_wait_histogram_key DO UPDATE SET runs = t.runs + excluded.runs, wait_seconds_sum = t.wait_seconds_sum + excluded.wait_seconds_sum;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_rollups_truncate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'sessions' THEN
		DELETE FROM session_daily_stats;
	END IF;
	DELETE FROM run_wait_histogram;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
	DELETE FROM session_daily_stats;
	DELETE FROM run_wait_histogram;
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
$$;
--> statement-breakpoint
CREATE TRIGGER report_rollups_session_insert AFTER INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION report_rollups_session_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_session_update AFTER UPDATE OF created_at, channel, status, sentiment, handoff_reason ON sessions FOR EACH ROW
	WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.status IS DISTINCT FROM NEW.status
		OR OLD.sentiment IS DISTINCT FROM NEW.sentiment OR OLD.handoff_reason IS DISTINCT FROM NEW.handoff_reason)
	EXECUTE FUNCTION report_rollups_session_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_session_delete AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION report_rollups_session_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_session_delete_runs BEFORE DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION report_rollups_session_delete_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_run_insert AFTER INSERT ON agent_runs FOR EACH ROW EXECUTE FUNCTION report_rollups_run_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_run_update AFTER UPDATE OF session_id, received_at, delivered_at, outcome ON agent_runs FOR EACH ROW
	WHEN (OLD.session_id IS DISTINCT FROM NEW.session_id OR OLD.received_at IS DISTINCT FROM NEW.received_at
		OR OLD.delivered_at IS DISTINCT FROM NEW.delivered_at OR OLD.outcome IS DISTINCT FROM NEW.outcome)
	EXECUTE FUNCTION report_rollups_run_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_run_delete AFTER DELETE ON agent_runs FOR EACH ROW EXECUTE FUNCTION report_rollups_run_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_sessions_truncate AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_truncate_trigger();
--> statement-breakpoint
CREATE TRIGGER report_rollups_runs_truncate AFTER TRUNCATE ON agent_runs FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_truncate_trigger();
--> statement-breakpoint
-- The triggers (created above, in this transaction) hold off writers until the backfill commits.
SELECT report_rollups_rebuild();
