"use client";

import Link from "next/link";
import "./globals.css";

// Shown when the root layout itself fails. It must work with its scripts refused: Next builds its error page
// (/_global-error) ahead of time, without any request's CSP nonce, so the browser may block the inline scripts that
// come with it (and report them to /api/csp-report). Hence plain HTML and links, not a client-side "retry".
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-gray-50">
        <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center px-4 py-16 text-center">
          <h1 className="text-xl font-semibold text-gray-900">Frontline could not show this page</h1>
          <p className="mt-2 text-sm text-gray-600">
            Something failed on our side. Reload the page; if it keeps failing, the server&apos;s log has the details
            {error.digest ? ` (error ${error.digest})` : ""}.
          </p>
          <p className="mt-6 flex justify-center gap-3 text-sm">
            {/* Without scripts, both are plain links: a full page load. */}
            <a
              href=""
              className="rounded-md border border-gray-300 bg-white px-3.5 py-2 font-medium text-gray-800 hover:bg-gray-50"
            >
              Reload
            </a>
            <Link
              href="/inbox"
              className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700"
            >
              Go to the Inbox
            </Link>
          </p>
        </main>
      </body>
    </html>
  );
}
