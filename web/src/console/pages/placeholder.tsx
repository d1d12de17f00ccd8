import { Result } from "antd";
import type { MessageKey } from "../i18n";
import { useLocale } from "../locale";

/** A page whose data does not exist yet: says which work brings it, shows nothing invented. */
export function PlaceholderPage({ title, text }: { title: MessageKey; text: MessageKey }) {
  const { t } = useLocale();
  return <Result status="info" title={`${t(title)} · ${t("placeholder.soon")}`} subTitle={t(text)} />;
}
