import { ErrorBodySchema } from '@aviso/protocol';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { AppError, zodDetails } from '../lib/errors.ts';
import type { AppEnv } from './context.ts';

/** A router whose validation failures become the SPEC's 400 `VALIDATION_FAILED`. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError(
          400,
          'VALIDATION_FAILED',
          'the request is not valid',
          zodDetails(result.error.issues),
        );
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

const err = (description: string) => jsonContent(ErrorBodySchema, description);

/** The error answers every authenticated route can give. */
export const errors = {
  400: err('Invalid input (`VALIDATION_FAILED`, `INVALID_JSON`)'),
  401: err('Missing or invalid credentials'),
  404: err('Not found'),
  422: err('Valid JSON that cannot be processed'),
} as const;

/** The middleware and OpenAPI security of one kind of credential. */
export interface Guard {
  middleware: MiddlewareHandler<AppEnv>;
  security: Record<string, string[]>[];
}
