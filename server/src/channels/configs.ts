// Each kind's configuration schema and secret fields are part of the protocol, shared with the console.
export { type ChannelConfigMap, channelConfigSchemas, channelSecretFields } from '@aviso/protocol';
