"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http (a LAN address): the Clipboard API is unavailable, the old way still works.
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.append(textarea);
  textarea.select();
  const copied = document.execCommand("copy");
  textarea.remove();
  if (!copied) throw new Error("copy refused");
}

/** "Copy", then "Copied" for two seconds (announced); says so when the browser refuses. */
export function CopyButton({ text, what, testId }: { text: string; what: string; testId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2_000);
    return () => window.clearTimeout(timer);
  }, [state]);

  return (
    <span className="inline-flex items-center gap-2">
      <Button
        onClick={() => {
          copyText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
        data-testid={testId}
        data-state={state}
      >
        {state === "copied" ? <Check aria-hidden="true" className="text-green-600" /> : <Copy aria-hidden="true" />}
        {state === "copied" ? "Copied" : "Copy"}
        <span className="sr-only"> {what}</span>
      </Button>
      <span role="status" className="text-xs text-gray-600 empty:hidden">
        {state === "copied" ? <span className="sr-only">Copied {what}.</span> : null}
        {state === "failed" ? "Copy refused by the browser: select the text and copy it." : null}
      </span>
    </span>
  );
}
