ALTER TABLE "agent_runs" ADD COLUMN "delivery_intent" jsonb;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "comment_sending_at" timestamp with time zone;