// Erases one customer (admins): every text and handle of the contact across sessions, deliveries, steps and test
// cases, while the sessions keep their outcome and figures (lib/retention). The answer says how much went.
import { z } from "zod";
import { route } from "@/lib/api/route";
import { actorOf, recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { eraseContact } from "@/lib/retention";

export const dynamic = "force-dynamic";

const bodySchema = z
  .object({ handle: z.string().trim().min(3, "give the contact's phone number or email address").max(320) })
  .strict();

export const POST = route({ role: "admin", body: bodySchema }, async ({ user, body: { handle } }) => {
  const db = await getDb();
  const erased = await eraseContact(db, handle);
  // How much went, never whom: the log is append-only, so a handle written into it could never be erased.
  await recordAudit(db, { actor: actorOf(user), action: "contacts.erase", after: { ...erased } });
  return { erased };
});
