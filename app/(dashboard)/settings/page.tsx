import { redirect } from "next/navigation";

// Settings opens on the Front connection, the first thing to set up.
export default function SettingsPage() {
  redirect("/settings/front");
}
