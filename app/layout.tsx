import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Frontline", template: "%s · Frontline" },
  description: "An open-source AI teammate for Front: every AI session, step by step.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#f9fafb",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page (the not-found page and the redirect at / too) is rendered per request, so Next can put that
  // request's CSP nonce (proxy.ts) on its scripts: a page prerendered at build time carries none, and the browser
  // would refuse to run it.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
