import { z } from 'zod';
import { UserSchema, text } from './entities.js';

/** HTTP carries what is not live: health, sign-in, and (later) documents. */

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** PROTOCOL_VERSION: rises when a change would break older clients. */
  protocol: z.number().int(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const LoginRequestSchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: UserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MeResponseSchema = z.object({ user: UserSchema });

export const CreateUserRequestSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash, underscore'),
  displayName: text(200),
  password: z.string().min(10).max(1000),
  isAdmin: z.boolean().default(false),
  canCreateMeetings: z.boolean().default(false),
});
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;
export const CreateUserResponseSchema = z.object({ user: UserSchema });

export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  /** What a success answers; a failure answers its error code's status. */
  status: 200 | 201 | 204;
  auth: boolean;
  request: z.ZodType | null;
  response: z.ZodType | null;
  about: string;
}

/** Every HTTP route, for the generated reference and for tests that walk them all. */
export const HTTP_ROUTES = [
  {
    method: 'GET',
    path: '/api/health',
    status: 200,
    auth: false,
    request: null,
    response: HealthResponseSchema,
    about: 'Liveness and version.',
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    status: 200,
    auth: false,
    request: LoginRequestSchema,
    response: LoginResponseSchema,
    about:
      'Password sign-in; answers a session token for HTTP (Bearer) and the Socket.IO handshake (auth.token). Failed attempts are counted per address and name (5 in 5 minutes), per address (30) and per name from every address (15; it stops only addresses that failed for that name), answered RATE_LIMITED past them. Right sign-ins of one name: 10 a minute. A person keeps at most 20 sessions; past that the oldest idle one ends.',
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    status: 204,
    auth: true,
    request: null,
    response: null,
    about: 'Ends the session and disconnects its sockets.',
  },
  {
    method: 'GET',
    path: '/api/auth/me',
    status: 200,
    auth: true,
    request: null,
    response: MeResponseSchema,
    about: 'The signed-in user.',
  },
  {
    method: 'POST',
    path: '/api/users',
    status: 201,
    auth: true,
    request: CreateUserRequestSchema,
    response: CreateUserResponseSchema,
    about: 'Admin only: create an account.',
  },
] as const satisfies readonly HttpRoute[];
