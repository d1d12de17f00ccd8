import { Button, ErrorBlock } from "antd-mobile";
import { t } from "./i18n";

/** A failed load: never a blank page, always a way to try again. */
export function Retry({ onRetry, message }: { onRetry: () => void; message?: string }) {
  return (
    <ErrorBlock status="disconnected" title={message ?? t("networkError")} description="">
      <Button color="primary" onClick={onRetry} data-testid="retry">
        {t("retry")}
      </Button>
    </ErrorBlock>
  );
}
