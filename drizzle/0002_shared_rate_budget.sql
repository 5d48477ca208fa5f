CREATE TABLE "front_rate_budgets" (
	"key" text PRIMARY KEY NOT NULL,
	"per_minute" integer NOT NULL,
	"capacity" integer NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"paused_until" timestamp (6) with time zone DEFAULT now() NOT NULL
);
