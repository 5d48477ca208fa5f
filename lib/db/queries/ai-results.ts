import { sql, type SQL } from "drizzle-orm";
import { sessions } from "../schema";
import { ACTED_OUTCOMES } from "../../domain";
import type { AiResult } from "../../inbox/session-filters";

/**
 * What came of the AI's act on a session, as SQL over `sessions`: the one definition both the Reports page's rates
 * and the Inbox's drill-down filters use, so a figure and the list behind it always agree (docs/metrics.md).
 *
 * A window is judged once it has passed: a session the AI answered an hour ago cannot be called resolved for 72
 * hours yet, so it is in neither the numerator nor the denominator of a windowed rate until then.
 */

/** The acted outcomes as an SQL list, for `in (…)` over `sessions` or a rollup. */
export const ACTED = sql.raw(ACTED_OUTCOMES.map((outcome) => `'${outcome}'`).join(", "));

/** The AI acted (answered, handed off or failed): the denominator of the AI's rates. */
export function aiActed(): SQL {
  return sql`${sessions.aiOutcome} in (${ACTED})`;
}

/** A window of whole hours as an SQL interval. */
export function hours(windowHours: number): SQL {
  return sql`make_interval(hours => ${Math.trunc(windowHours)}::int)`;
}

/** The AI acted at least the window ago. */
export function aiJudged(windowHours: number): SQL {
  return sql`(${aiActed()} and ${sessions.aiOutcomeAt} <= now() - ${hours(windowHours)})`;
}

/** The first human follow-up (a teammate's reply or a reopen) came within the window of the AI's act. */
function followedUpWithin(windowHours: number): SQL {
  return sql`coalesce(least(${sessions.humanRepliedAt}, ${sessions.reopenedAt}) < ${sessions.aiOutcomeAt} + ${hours(windowHours)}, false)`;
}

export function aiResultCondition(result: AiResult, windowHours: number): SQL {
  switch (result) {
    case "judged":
      return aiJudged(windowHours);
    case "ai_resolved":
      return sql`(${aiJudged(windowHours)} and ${sessions.aiOutcome} = 'answered' and not ${followedUpWithin(windowHours)})`;
    case "reopened":
      return sql`(${aiJudged(windowHours)} and ${sessions.aiOutcome} = 'answered' and coalesce(${sessions.reopenedAt} < ${sessions.aiOutcomeAt} + ${hours(windowHours)}, false))`;
    case "human_replied":
      return sql`(${sessions.aiOutcome} = 'handed_off' and ${sessions.humanRepliedAt} is not null)`;
  }
}
