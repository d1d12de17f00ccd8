import { Tag, Tooltip } from "antd";
import { useLocale } from "../../locale";
import type { SyncHealth } from "./types";

const COLORS = { ok: "green", failing: "red", stale: "orange", pending: "blue", manual: "default" } as const;

/** A cinema's sync health as a coloured tag; the hover shows the failing entities' errors. */
export function SyncTag({ sync }: { sync: SyncHealth }) {
  const { t } = useLocale();
  const tag = (
    <Tag color={COLORS[sync.status]} data-testid="sync-status">
      {t(`ops.sync.${sync.status}`)}
    </Tag>
  );
  return sync.errors.length ? <Tooltip title={sync.errors.join("\n")}>{tag}</Tooltip> : tag;
}
