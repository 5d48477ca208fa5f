-- Hand-written: audit-log retention (AUDIT_RETENTION_DAYS). The log stays append-only; the one delete let through is
-- the retention purge's, and only of rows older than the cutoff it declares for its own transaction, a cutoff at
-- least 30 days back
-- (set_config('frontline.audit_purge_before', <cutoff>, true) in lib/audit/retention.ts). Any other delete, update
-- or truncate is still refused, and the purge records itself in the log.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	purge_before text := current_setting('frontline.audit_purge_before', true);
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
		AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = OLD.actor_id)
		AND (NEW.id, NEW.at, NEW.actor_email, NEW.actor_name, NEW.action, NEW.target, NEW.before, NEW.after)
			IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_email, OLD.actor_name, OLD.action, OLD.target, OLD.before, OLD.after) THEN
		RETURN NEW;
	END IF;
	-- The cutoff is at least 30 days back (AUDIT_RETENTION_DAYS' minimum), so no cutoff can empty the recent log.
	IF TG_OP = 'DELETE' AND coalesce(purge_before, '') <> '' AND purge_before::timestamptz <= now() - interval '30 days'
		AND OLD.at < purge_before::timestamptz THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
