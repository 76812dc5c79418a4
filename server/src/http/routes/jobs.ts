import { createRoute, z } from '@hono/zod-openapi';
import type { Background } from '../../lib/background.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonContent, router } from '../openapi.ts';

const JobsSchema = z.object({ items: z.array(z.object({ name: z.string() })) });
const JobRunSchema = z.object({
  name: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  /** What the round returned: rows handled, or the job's own summary (the stock sweep's). */
  result: z.unknown(),
});

/**
 * The node's background jobs for operators: list them and run one now (the stock sweep, the
 * scheduler that publishes reminders and checks SLAs, the delivery queue, retention…). A run joins
 * one already under way; jobs that must run on one node at a time take their own lock.
 */
export function jobRoutes(deps: { guard: Guard; jobs: Pick<Background, 'names' | 'run'> }) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security, tags: ['Operator'] };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/jobs',
      operationId: 'listJobs',
      summary: 'The background jobs of this node',
      ...secured,
      responses: { 200: jsonContent(JobsSchema, 'The jobs, by name'), ...errors },
    }),
    (c) => c.json({ items: deps.jobs.names().map((name) => ({ name })) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/jobs/{name}/run',
      operationId: 'runJob',
      summary: 'Run a background job of this node now and wait for it',
      ...secured,
      request: { params: z.object({ name: z.string().min(1).max(64) }) },
      responses: { 200: jsonContent(JobRunSchema, 'The run'), ...errors },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const started = new Date();
      const clock = performance.now();
      const run = deps.jobs.run(name);
      if (!run) fail('NOT_FOUND', { what: `job ${name}` }, { details: { jobs: deps.jobs.names() } });
      const result = await run;
      return c.json(
        {
          name,
          startedAt: started.toISOString(),
          durationMs: Math.round(performance.now() - clock),
          // JSON only: a round's result may hold dates or undefined.
          result: result === undefined ? null : JSON.parse(JSON.stringify(result)),
        },
        200,
      );
    },
  );
  return app;
}
