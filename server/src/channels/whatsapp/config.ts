// The shapes are part of the protocol: the console draws its form from the same schemas.
export {
  type WhatsappConfig,
  WhatsappConfigSchema,
  type WhatsappHttpConfig,
  WhatsappHttpConfigSchema,
  type WhatsappMetaConfig,
  WhatsappMetaConfigSchema,
  type WhatsappTwilioConfig,
  WhatsappTwilioConfigSchema,
} from '@aviso/protocol';
