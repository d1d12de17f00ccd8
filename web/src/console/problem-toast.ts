import { App } from "antd";
import { useLocale } from "./locale";
import { problemText } from "./problem-text";

/**
 * A failed call shown as an error toast in the user's language. Returns nothing on purpose: antd's
 * `message.error` returns a thenable that settles when the toast closes, and React Query awaits
 * what `onError` returns — a mutation would stay pending (its button spinning and deaf to clicks)
 * for the toast's three seconds.
 */
export function useProblemToast(): (err: unknown) => void {
  const { message } = App.useApp();
  const { t } = useLocale();
  return (err) => {
    void message.error(problemText(err, t));
  };
}
