import { codesWithStatus, ErrorBodySchema, type ErrorStatus } from '@aviso/protocol';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { fail, zodDetails } from '../lib/errors.ts';
import type { AppEnv } from './context.ts';

/** A router whose validation failures become the SPEC's 400 `VALIDATION_FAILED`. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        fail('VALIDATION_FAILED', { what: 'request' }, { details: zodDetails(result.error.issues) });
      }
    },
  });
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** An error answer documented with the catalog's codes of its status. */
const err = (status: ErrorStatus, description: string) =>
  jsonContent(
    ErrorBodySchema,
    `${description} (${codesWithStatus(status)
      .map((c) => `\`${c}\``)
      .join(', ')})`,
  );

/** The error answers every authenticated route can give. */
export const errors = {
  400: err(400, 'Invalid input'),
  401: err(401, 'Missing or invalid credentials'),
  404: err(404, 'Not found'),
  422: err(422, 'Valid JSON that cannot be processed'),
} as const;

/** The middleware and OpenAPI security of one kind of credential. */
export interface Guard {
  middleware: MiddlewareHandler<AppEnv>;
  security: Record<string, string[]>[];
}
