// Teammates to pick the AI teammate from: bots first, then people, by name.
import { readFromFront } from "@/lib/api/front-read";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const teammates = await readFromFront("Save a Front API token first.", (front) => front.listTeammates());
  const name = (teammate: (typeof teammates)[number]) =>
    [teammate.first_name, teammate.last_name].filter(Boolean).join(" ") || teammate.username || teammate.id;
  const isBot = (teammate: (typeof teammates)[number]) => Boolean(teammate.type && teammate.type !== "user");
  const sorted = [...teammates].sort((a, b) => Number(isBot(b)) - Number(isBot(a)) || name(a).localeCompare(name(b)));
  return {
    teammates: sorted.map((teammate) => ({
      id: teammate.id,
      name: name(teammate),
      email: teammate.email ?? null,
      type: teammate.type ?? "user",
      isBot: isBot(teammate),
    })),
  };
});
