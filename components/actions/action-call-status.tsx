import { CircleAlert, CircleCheck, Timer } from "lucide-react";

const BUILT_IN_TOOLS = new Set(["search_knowledge_base", "lookup_contact", "handoff_to_human"]);

export interface HttpCallOutcome {
  failed: boolean;
  timedOut: boolean;
  /** Short enough for the summary line beside the tool's name: "HTTP 200", "HTTP 500", "Timed out", "Unreachable", "Not allowed". */
  label: string;
  /** The longer form, shown on hover: "Timed out after 300 ms". */
  title: string;
}

/**
 * What a custom action's call came to, read from its timeline step: the `{ status, body }` it returned, or the error
 * that lib/actions/http-action.ts threw (its wording is matched here). null for the built-in tools.
 */
export function httpCallOutcome(step: {
  kind: string;
  toolName?: string | null;
  output?: unknown;
  error?: string | null;
}): HttpCallOutcome | null {
  if (step.kind !== "tool_call" || !step.toolName || BUILT_IN_TOOLS.has(step.toolName)) return null;
  if (step.error) {
    const timeout = / timed out after (\d+) ms$/.exec(step.error);
    if (timeout) return { failed: true, timedOut: true, label: "Timed out", title: `Timed out after ${timeout[1]} ms` };
    const status = / answered (\d{3}): /.exec(step.error);
    if (status)
      return { failed: true, timedOut: false, label: `HTTP ${status[1]}`, title: `The server answered ${status[1]}` };
    if (/ could not reach its server: /.test(step.error))
      return { failed: true, timedOut: false, label: "Unreachable", title: "The server could not be reached" };
    if (/: this action is not allowed to reach that address: /.test(step.error)) {
      return {
        failed: true,
        timedOut: false,
        label: "Not allowed",
        title: "The address is loopback, private or link-local: not called (see ACTIONS_ALLOWED_HOSTS)",
      };
    }
    if (/ answered with more than \d+ MB: /.test(step.error))
      return { failed: true, timedOut: false, label: "Too large", title: "The answer was too large to use" };
    return { failed: true, timedOut: false, label: "Error", title: "The call failed" };
  }
  const output = step.output as { status?: unknown } | null | undefined;
  if (output && typeof output === "object" && typeof output.status === "number") {
    return {
      failed: false,
      timedOut: false,
      label: `HTTP ${output.status}`,
      title: `The server answered ${output.status}`,
    };
  }
  return null;
}

/** The summary-line marker of a custom action's call: its HTTP status, or in red how it failed. */
export function HttpCallBadge({ outcome }: { outcome: HttpCallOutcome }) {
  if (!outcome.failed) {
    return (
      <span
        className="inline-flex shrink-0 items-center gap-1 text-xs font-medium text-green-700"
        title={outcome.title}
        data-testid="http-call-status"
      >
        <CircleCheck aria-hidden="true" className="size-3.5" />
        {outcome.label}
      </span>
    );
  }
  const Icon = outcome.timedOut ? Timer : CircleAlert;
  return (
    <span
      className="inline-flex shrink-0 items-center gap-1 text-xs font-medium text-red-700"
      title={outcome.title}
      data-testid="http-call-status"
    >
      <Icon aria-hidden="true" className="size-3.5" />
      {outcome.label}
    </span>
  );
}
