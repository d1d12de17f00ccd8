import { createContext, useContext } from "react";
import type { Site } from "./api";

export const SiteContext = createContext<Site | null>(null);

/** The site's settings (inside the gate, always there). */
export function useSite(): Site {
  const s = useContext(SiteContext);
  if (!s) throw new Error("useSite outside the site gate");
  return s;
}
