// Starting hub processes lives with the server's test kit; the end-to-end and fault tests start
// theirs with the same code.
export {
  freePort,
  type HubProcess,
  type ServiceProcess,
  startHubProcess,
  startService,
} from '@aviso/server/testing/processes';
