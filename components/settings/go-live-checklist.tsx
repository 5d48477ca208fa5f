import { ArrowRight, CircleCheck, PartyPopper, Rocket } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { LocalTime } from "@/components/ui/time";
import { SettingsSection } from "./settings-section";
import type { ChecklistStep } from "./types";

/**
 * The go-live steps, each ticked from real traffic (with a link to what proved it) or from the settings in force (with
 * a link to the setting), else the next thing to try.
 */
export function GoLiveChecklist({ steps }: { steps: ChecklistStep[] }) {
  const done = steps.filter((step) => step.done).length;
  const allDone = steps.length > 0 && done === steps.length;
  return (
    <SettingsSection
      id="go-live"
      icon={Rocket}
      title="Go-live checklist"
      description="Ticked by real traffic and the settings in force, not by hand: each step links to the session that proved it or to its setting."
      testId="checklist"
      aside={
        <span
          className={cn("text-sm font-medium tabular-nums", allDone ? "text-green-700" : "text-gray-600")}
          data-testid="checklist-progress"
        >
          {done} of {steps.length} done
        </span>
      }
    >
      {allDone ? (
        <p className="flex items-center gap-2 bg-green-50/70 px-4 py-2.5 text-sm font-medium text-green-800">
          <PartyPopper aria-hidden="true" className="size-4 shrink-0" />
          Frontline is live: calls arrive, the AI answers, and handoffs reach your team.
        </p>
      ) : null}
      <ol className="divide-y divide-gray-100">
        {steps.map((step, index) => (
          <li
            key={step.id}
            data-testid="checklist-step"
            data-step-id={step.id}
            data-done={step.done ? "true" : "false"}
            className="flex gap-3 px-4 py-3.5"
          >
            {step.done ? (
              <CircleCheck aria-hidden="true" className="mt-px size-6 shrink-0 text-green-600" />
            ) : (
              <span
                aria-hidden="true"
                className="mt-px flex size-6 shrink-0 items-center justify-center rounded-full border-2 border-dashed border-gray-300 text-xs font-semibold text-gray-500"
              >
                {index + 1}
              </span>
            )}
            <div className="min-w-0 flex-1">
              <p className={cn("text-sm font-medium", step.done ? "text-gray-900" : "text-gray-800")}>
                <span className="sr-only">Step {index + 1}: </span>
                {step.label}
                <span className="sr-only">{step.done ? " — done" : " — not done yet"}</span>
              </p>
              {step.done ? (
                <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm text-gray-600">
                  {step.at ? (
                    <span>
                      Done <LocalTime iso={step.at} />
                    </span>
                  ) : (
                    <span>Done</span>
                  )}
                  {step.link ? (
                    <Link
                      href={step.link}
                      className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
                      data-testid="checklist-proof"
                    >
                      {step.linkLabel ?? "See what proved it"}
                      <ArrowRight aria-hidden="true" className="size-3.5" />
                    </Link>
                  ) : null}
                </p>
              ) : step.hint ? (
                <p className="mt-0.5 text-sm text-gray-600" data-testid="checklist-hint">
                  {step.hint}
                  {step.link ? (
                    <>
                      {" "}
                      <Link
                        href={step.link}
                        className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
                        data-testid="checklist-setting"
                      >
                        {step.linkLabel ?? "Open the setting"}
                        <ArrowRight aria-hidden="true" className="size-3.5" />
                      </Link>
                    </>
                  ) : null}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </SettingsSection>
  );
}
