import { redirect } from "next/navigation";

// Settings has one page for now: the Front connection.
export default function SettingsPage() {
  redirect("/settings/front");
}
