// `node scripts/build-stale.mjs <package>…`: builds what is stale among those packages and their
// workspace dependencies (the benches run the hub compiled, as production does).
import { buildStale } from './workspace.mjs';

if (!buildStale(process.argv.slice(2))) process.exit(1);
