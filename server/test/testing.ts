// What tests outside this package (end-to-end, faults) use of the server's test kit, as
// `@aviso/server/testing` (exported under the source condition only: tests run the sources).
export { standIn } from '../src/channels/testing.ts';
export { newId } from '../src/db/ids.ts';
export { databaseBackends, freshDatabase, testEnv } from './env.ts';
export { ADMIN_TOKEN, client, makeTenant, type TestTenant } from './harness.ts';
export { freePort, type HubProcess, startHubProcess } from './processes.ts';
export { startSmtp } from './smtp.ts';
export { connect, settle, until } from './sockets.ts';
