// Teammates to pick the AI teammate from: bots first, then people, by name.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { isFrontApiError } from "@/lib/front/errors";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { front, settings } = await getServices();
  if (!(await settings.get()).values.apiToken) throw new ApiError(409, "no_token", "Save a Front API token first.");
  const teammates = await front.listTeammates().catch((error: unknown) => {
    if (isFrontApiError(error)) throw new ApiError(502, "front_error", error.message);
    throw error;
  });
  const name = (teammate: (typeof teammates)[number]) => [teammate.first_name, teammate.last_name].filter(Boolean).join(" ") || teammate.username || teammate.id;
  const isBot = (teammate: (typeof teammates)[number]) => Boolean(teammate.type && teammate.type !== "user");
  const sorted = [...teammates].sort((a, b) => Number(isBot(b)) - Number(isBot(a)) || name(a).localeCompare(name(b)));
  return {
    teammates: sorted.map((teammate) => ({ id: teammate.id, name: name(teammate), email: teammate.email ?? null, type: teammate.type ?? "user", isBot: isBot(teammate) })),
  };
});
