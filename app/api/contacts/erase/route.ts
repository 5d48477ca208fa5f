// Erases one customer (admins): every text and handle of the contact across sessions, deliveries, steps and test
// cases, while the sessions keep their outcome and figures (lib/retention). The answer says how much went.
import { z } from "zod";
import { errorResponse } from "@/lib/api/errors";
import { requireAdmin } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/knowledge/api";
import { eraseContact } from "@/lib/retention";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ handle: z.string().trim().min(3, "give the contact's phone number or email address").max(320) }).strict();

export async function POST(request: Request) {
  try {
    await requireAdmin();
    const { handle } = bodySchema.parse(await readJsonBody(request));
    const erased = await eraseContact(await getDb(), handle);
    return Response.json({ erased }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
