import { Tabs } from "antd-mobile";
import { nextDays } from "./api";
import { t } from "./i18n";

const LABELS = ["today", "tomorrow", "dayAfter"] as const;

/** Today and the next two business days, as tabs. */
export function DayTabs({ day, onChange }: { day: string; onChange: (d: string) => void }) {
  return (
    <Tabs activeKey={day} onChange={onChange}>
      {nextDays().map((d, i) => (
        <Tabs.Tab key={d} title={`${t(LABELS[i]!)} ${d.slice(5)}`} />
      ))}
    </Tabs>
  );
}

/** The day in the URL (?date=), else today. */
export function dayOf(search: URLSearchParams): string {
  const d = search.get("date");
  return d && nextDays().includes(d) ? d : nextDays()[0]!;
}
