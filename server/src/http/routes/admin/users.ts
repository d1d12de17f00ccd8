import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN } from "../../../console/roles.js";
import { type ConsoleUser, ConsoleUserError, type ConsoleUsers } from "../../../console/users.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import { AdminErrors, ConflictError, ItemsOf } from "./responses/common.js";

const Role = Type.Union([Type.Literal("admin"), Type.Literal("support"), Type.Literal("cinema_operator")]);
const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
const CinemaId = Type.String({ minLength: 1, maxLength: 64 });

const CreateUser = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN }),
    role: Role,
    cinemaIds: Type.Optional(Type.Array(CinemaId, { maxItems: 1000 })),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
const ResetPassword = Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Role,
  cinemaIds: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});

/** A generated password is answered once, here, and appears nowhere else. */
const UserResult = Type.Object({ user: UserView, initialPassword: Type.Optional(Type.String()) });

function view(u: ConsoleUser) {
  return { ...u, createdAt: u.createdAt.toISOString() };
}

function toApiError(err: unknown): unknown {
  if (!(err instanceof ConsoleUserError)) return err;
  const code = err.kind === "taken" ? "CONFLICT" : err.kind === "not_found" ? "NOT_FOUND" : "VALIDATION_FAILED";
  return new ApiError(code, err.message);
}

/**
 * Console user management, admins only. A password chosen by the admin is never echoed; a generated
 * one is returned once as `initialPassword` (like a channel secret) and appears nowhere else.
 */
export async function adminUserRoutes(app: FastifyInstance, opts: { users: ConsoleUsers }): Promise<void> {
  app.addHook("preHandler", requireRole("admin"));

  app.get(
    "/users",
    { schema: { tags: ["admin"], response: { 200: ItemsOf(UserView), ...AdminErrors } } },
    async () => ({
      items: (await opts.users.list()).map(view),
    }),
  );

  const createAudit = {
    action: "user.create",
    target: (req: FastifyRequest) => (req.body as typeof CreateUser.static).username,
    detail: (req: FastifyRequest) => {
      const body = req.body as typeof CreateUser.static;
      return { role: body.role, cinemaIds: body.cinemaIds ?? [] };
    },
  };
  app.post(
    "/users",
    {
      config: { audit: createAudit },
      schema: { tags: ["admin"], body: CreateUser, response: { 201: UserResult, ...AdminErrors, ...ConflictError } },
    },
    async (req, reply) => {
      const body = req.body as typeof CreateUser.static;
      try {
        const { user, generatedPassword } = await opts.users.create(body);
        return reply
          .code(201)
          .send({ user: view(user), ...(generatedPassword ? { initialPassword: generatedPassword } : {}) });
      } catch (err) {
        throw toApiError(err);
      }
    },
  );

  const setDisabled = (disabled: boolean) => async (req: FastifyRequest) => {
    const { id } = req.params as typeof IdParams.static;
    try {
      const target = await opts.users.get(id);
      if (!target) throw new ConsoleUserError("not_found", `no console user ${id}`);
      // An admin locking themselves out leaves nobody to undo it.
      if (disabled && req.actor!.id === `user:${target.username}`)
        throw new ApiError("CONFLICT", "you cannot disable your own account");
      req.audit?.retarget(target.username);
      const user = await opts.users.setDisabled(id, disabled);
      return { user: view(user) };
    } catch (err) {
      throw toApiError(err);
    }
  };
  const UserChange = { 200: Type.Object({ user: UserView }), ...AdminErrors, ...ConflictError };
  // The row is written with the user's id as target and names the username once it is looked up.
  app.post(
    "/users/:id/disable",
    {
      config: { audit: { action: "user.disable" } },
      schema: { tags: ["admin"], params: IdParams, response: UserChange },
    },
    setDisabled(true),
  );
  app.post(
    "/users/:id/enable",
    {
      config: { audit: { action: "user.enable" } },
      schema: { tags: ["admin"], params: IdParams, response: UserChange },
    },
    setDisabled(false),
  );

  app.post(
    "/users/:id/reset-password",
    {
      config: {
        audit: {
          action: "user.reset-password",
          detail: (req) => ({
            generated: (req.body as typeof ResetPassword.static | undefined)?.password === undefined,
          }),
        },
      },
      schema: {
        tags: ["admin"],
        params: IdParams,
        body: Type.Optional(ResetPassword),
        response: { 200: UserResult, ...AdminErrors },
      },
    },
    async (req) => {
      const { id } = req.params as typeof IdParams.static;
      const body = (req.body ?? {}) as typeof ResetPassword.static;
      try {
        const target = await opts.users.get(id);
        if (!target) throw new ConsoleUserError("not_found", `no console user ${id}`);
        req.audit?.retarget(target.username);
        const { generatedPassword } = await opts.users.resetPassword(id, body.password);
        return { user: view(target), ...(generatedPassword ? { initialPassword: generatedPassword } : {}) };
      } catch (err) {
        throw toApiError(err);
      }
    },
  );
}
