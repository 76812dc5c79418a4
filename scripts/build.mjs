// `pnpm build`: compiles every package of the workspace, dependencies first (`pnpm -r build`), front
// ends always in production mode, and records each build for `pnpm start`'s staleness check.
import { spawnSync } from 'node:child_process';
import { buildEnv, pnpm, root, stamp, workspacePackages } from './workspace.mjs';

const startedAt = Date.now();
const r = spawnSync(pnpm, ['-r', 'build'], { cwd: root, stdio: 'inherit', env: buildEnv });
if (r.status !== 0) process.exit(r.status ?? 1);
for (const pkg of workspacePackages()) if (pkg.manifest.scripts?.build) stamp(pkg, startedAt);
