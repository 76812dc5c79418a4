// The shape is part of the protocol: the console draws its form from the same schema.
export { type SmsConfig, SmsConfigSchema } from '@aviso/protocol';
