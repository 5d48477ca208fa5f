// Plain constants and types of the audit log, safe to import from the Settings → Audit page.

/** Every kind of change the log records; the filter on Settings → Audit offers these. */
export const AUDIT_ACTIONS = [
  "settings.ai.update",
  "settings.front.update",
  "actions.create",
  "actions.update",
  "actions.delete",
  "knowledge.create",
  "knowledge.update",
  "knowledge.delete",
  "knowledge.import",
  "troubleshooting.rerun",
  "users.create",
  "users.role",
  "users.sessions.revoke",
  "users.remove",
  "sample_data.clear",
  "contacts.erase",
  "evals.create",
  "evals.delete",
  "evals.cases.save",
  "evals.cases.delete",
  "evals.run",
  "evals.run.cancel",
  "audit.purge",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who made a change, copied onto the row. `id` null: not a signed-in person (the command line, the environment). */
export interface AuditActor {
  id: string | null;
  email: string | null;
  name: string | null;
}

/** One row of GET /api/audit. */
export interface AuditEntryView {
  id: number;
  /** ISO 8601. */
  at: string;
  actor: AuditActor;
  action: string;
  target: string | null;
  /** The changed keys before (secrets as "set"); null for something new. */
  before: Record<string, unknown> | null;
  /** The changed keys after (secrets as "set", "replaced", "unchanged" or "removed"); null for something deleted. */
  after: Record<string, unknown> | null;
}

/** GET /api/audit: newest first; `nextCursor` asks for the next, older page (`?cursor=`). */
export interface AuditResponse {
  entries: AuditEntryView[];
  nextCursor: number | null;
}

/** What each action is called on Settings → Audit. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "settings.ai.update": "Changed Settings → AI",
  "settings.front.update": "Changed Settings → Front",
  "actions.create": "Added an action",
  "actions.update": "Changed an action",
  "actions.delete": "Deleted an action",
  "knowledge.create": "Added an article",
  "knowledge.update": "Changed an article",
  "knowledge.delete": "Deleted an article",
  "knowledge.import": "Imported articles",
  "troubleshooting.rerun": "Re-ran an event",
  "users.create": "Added a user",
  "users.role": "Changed a user's role",
  "users.sessions.revoke": "Signed a user out",
  "users.remove": "Removed a user",
  "sample_data.clear": "Cleared the sample data",
  "contacts.erase": "Erased a customer",
  "evals.create": "Added a test set",
  "evals.delete": "Deleted a test set",
  "evals.cases.save": "Saved test cases",
  "evals.cases.delete": "Deleted a test case",
  "evals.run": "Started a test run",
  "evals.run.cancel": "Cancelled a test run",
  "audit.purge": "Deleted audit entries past the retention period",
};
