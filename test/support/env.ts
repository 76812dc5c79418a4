// The integration tests' environment lives with the server's test kit; the end-to-end and fault
// tests read the same one.
export { databaseBackends, freshDatabase, testEnv } from '@aviso/server/testing/env';
