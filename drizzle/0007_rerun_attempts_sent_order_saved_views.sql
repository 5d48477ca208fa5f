CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_user_name_unique" UNIQUE("user_id","name")
);
--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "rerun_of" bigint;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "sent_at" timestamp with time zone GENERATED ALWAYS AS (coalesce(
        case when jsonb_typeof(coalesce(body->'payload'->'emitted_at', body->'emitted_at')) = 'number' then
          case when (coalesce(body->'payload'->'emitted_at', body->'emitted_at'))::float8 between 0 and 1e11
            then to_timestamp((coalesce(body->'payload'->'emitted_at', body->'emitted_at'))::float8) end
        end,
        received_at)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_views_user_idx" ON "saved_views" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_rerun_of_webhook_events_id_fk" FOREIGN KEY ("rerun_of") REFERENCES "public"."webhook_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_events_sent_at_idx" ON "webhook_events" USING btree ("sent_at","id");--> statement-breakpoint
CREATE INDEX "webhook_events_rerun_of_idx" ON "webhook_events" USING btree ("rerun_of");