import { normalizeHandle } from "../channels/contact";
import type { Db } from "../db/client";
import {
  contactSessionIds,
  deleteCasesAbout,
  deleteEventBodiesNaming,
  deleteSessionTexts,
  expiredSessionIds,
  type DeletedTexts,
} from "../db/queries/retention";

/**
 * Retention and erasure (issue 15). A retention period (RETENTION_DAYS; unset: keep forever) after which a
 * session's texts are deleted and only its outcome and figures stay, so the reports stay exact; and "erase this
 * contact", which deletes every text and handle of one customer across sessions, deliveries, steps and test cases.
 */

export const RETENTION_NOTICE = "(deleted: older than the retention period)";
export const ERASURE_NOTICE = "(erased at the customer's request)";

const DAY_MS = 86_400_000;
/** Sessions per transaction: a first purge of years of history goes in steps that never hold a lock for long. */
const BATCH = 200;

function add(total: DeletedTexts, part: DeletedTexts): DeletedTexts {
  return {
    sessions: total.sessions + part.sessions,
    messages: total.messages + part.messages,
    steps: total.steps + part.steps,
    handoffs: total.handoffs + part.handoffs,
    events: total.events + part.events,
  };
}

const NOTHING: DeletedTexts = { sessions: 0, messages: 0, steps: 0, handoffs: 0, events: 0 };

/**
 * Deletes the texts of every session whose last activity is more than `days` days before `now`, and the bodies of
 * the deliveries about them received before that cutoff. Safe to run again and from several processes: a session
 * already purged holds nothing to delete and is not selected.
 */
export async function purgeExpired(
  db: Db,
  options: { days: number; now?: Date; batch?: number },
): Promise<DeletedTexts> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.days * DAY_MS);
  let total = NOTHING;
  for (;;) {
    const targets = await expiredSessionIds(db, cutoff, options.batch ?? BATCH);
    if (targets.length === 0) return total;
    total = add(total, await deleteSessionTexts(db, targets, { notice: RETENTION_NOTICE, eventsBefore: cutoff }));
  }
}

export interface Erasure extends DeletedTexts {
  /** Test cases made from the contact's sessions or naming them, deleted. */
  cases: number;
}

/** Erases one contact (a phone number or an email address, in any spelling Front gives it) everywhere. */
export async function eraseContact(db: Db, handle: string): Promise<Erasure> {
  const trimmed = handle.trim();
  const key = normalizeHandle(trimmed);
  const targets = await contactSessionIds(db, key, trimmed);
  const deleted = await deleteSessionTexts(db, targets, { notice: ERASURE_NOTICE, eventsBefore: null });
  const spellings = [...new Set([trimmed, key].filter(Boolean))];
  const cases = await deleteCasesAbout(
    db,
    targets.map((target) => target.id),
    spellings,
  );
  let stray = 0;
  for (const spelling of spellings) stray += await deleteEventBodiesNaming(db, spelling);
  return { ...deleted, events: deleted.events + stray, cases };
}
