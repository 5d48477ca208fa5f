import { redirect } from "next/navigation";

// The app starts at the Inbox.
export default function Home() {
  redirect("/inbox");
}
