import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AdminResponse } from "../api/admin";
import { ApiProblem, apiGet, apiPost, setCsrfToken } from "./api";

/** Who is logged in and the session's CSRF token (GET /admin/me, POST /admin/login). */
export type Me = AdminResponse<"/admin/me", "get">;
export type Role = Me["user"]["role"];

export const ME_KEY = ["me"] as const;

/** Who is logged in; null when nobody is (401). A reload recovers the CSRF token from /admin/me. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await apiGet<Me>("/admin/me");
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiProblem && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** True for the roles that change cinema settings (admin, support); cinema operators only read them. */
export function useCanOperate(): boolean {
  const role = useMe().data?.user.role;
  return role === "admin" || role === "support";
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => apiPost<Me>("/admin/login", body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>("/admin/logout"),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
