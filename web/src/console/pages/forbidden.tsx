import { Result } from "antd";
import { useLocale } from "../locale";

export function ForbiddenPage() {
  const { t } = useLocale();
  return <Result status="403" title={t("forbidden.title")} subTitle={t("forbidden.text")} />;
}
