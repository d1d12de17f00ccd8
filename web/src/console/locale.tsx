import { ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { dictionaries, format, type Lang, type MessageKey } from "./i18n";

const STORAGE_KEY = "cinegate.console.lang";

export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

interface LocaleValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const LocaleContext = createContext<LocaleValue | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh"; // storage blocked (privacy mode): Chinese, the default
  }
}

/** Language for our strings and antd's built-in ones; the choice survives reloads via localStorage. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the switch still applies to this tab
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = dictionaries[lang]["app.title"];
  }, [lang]);
  const value = useMemo<LocaleValue>(
    () => ({ lang, setLang, t: (key, params) => format(dictionaries[lang][key], params) }),
    [lang, setLang],
  );
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={lang === "zh" ? zhCN : enUS}>{children}</ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleValue {
  const v = useContext(LocaleContext);
  if (!v) throw new Error("useLocale outside LocaleProvider");
  return v;
}

/** Times are shown in China time whatever the browser's zone, matching vendors and cinemas. */
export function formatTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai", hour12: false });
}
