// Teammates to pick the AI teammate from: bots first, then people, by name.
import { readFromFront } from "@/lib/api/front-read";
import { route } from "@/lib/api/route";
import { teammatesResponse } from "@/lib/front/pickers";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const teammates = await readFromFront("Save a Front API token first.", (front) => front.listTeammates());
  return teammatesResponse(teammates);
});
