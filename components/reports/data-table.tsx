import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { ReportTable } from "@/lib/reports/tables";

/** A report's numbers as a table: row headers, right-aligned numbers, counts linked to the Inbox. */
export function DataTable({ table, id, testId }: { table: ReportTable; id?: string; testId?: string }) {
  return (
    <div
      id={id}
      role="region"
      aria-label={table.caption}
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-gray-200 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <table className="w-full min-w-max text-sm" data-testid={testId} data-dataset={table.dataset}>
        <caption className="sr-only">{table.caption}</caption>
        <thead className="bg-gray-50 text-xs text-gray-500">
          <tr>
            {table.columns.map((column, index) => (
              <th
                key={index}
                scope="col"
                className={cn(
                  "px-3 py-2 font-medium whitespace-nowrap",
                  column.numeric ? "text-right" : "text-left",
                  index === 0 && "sticky left-0 bg-gray-50",
                )}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {table.rows.map((row) => (
            <tr
              key={row.key}
              data-testid="report-table-row"
              className={row.total ? "bg-gray-50/70 font-semibold" : undefined}
            >
              {row.cells.map((cell, index) => {
                const numeric = table.columns[index]?.numeric;
                const content = cell.href ? (
                  <Link
                    href={cell.href}
                    aria-label={cell.linkLabel}
                    className="text-brand-700 underline-offset-2 hover:underline"
                    data-testid="drilldown-link"
                  >
                    {cell.text}
                  </Link>
                ) : (
                  cell.text
                );
                const className = cn(
                  "px-3 py-1.5 whitespace-nowrap",
                  numeric ? "text-right tabular-nums" : "text-left",
                  cell.text === "—" && "text-gray-400",
                );
                return index === 0 ? (
                  <th
                    key={index}
                    scope="row"
                    className={cn(
                      className,
                      "sticky left-0 bg-white font-medium text-gray-900",
                      row.total && "bg-gray-50",
                    )}
                  >
                    {content}
                  </th>
                ) : (
                  <td key={index} className={cn(className, "text-gray-700")}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
