import type { Role, Severity } from './notification.ts';
import type { DeliveryRules } from './rules.ts';
import type { WhatsappTemplateInput } from './whatsapp-template.ts';

/** Languages every catalog entry is written in. */
export const CATALOG_LOCALES = ['es', 'en'] as const;
export type CatalogLocale = (typeof CATALOG_LOCALES)[number];
export type Localized = Record<CatalogLocale, string> & Partial<Record<string, string>>;

/** How a template variable is shown: money in the tenant's currency, dates in its locale and zone. */
export type ValueFormat = 'currency' | 'number' | 'date' | 'datetime';

/** Groups of event types that recipients can opt out of, and channels can be limited to. */
export const CATEGORIES = [
  'sales',
  'expenses',
  'inventory',
  'purchases',
  'catalog',
  'orders',
  'billing',
  'subscription',
  'maintenance',
  'reservations',
  'support',
  'system',
  'promotions',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Icon names the widget draws; every catalog type has one. */
export const ICONS = [
  'sale',
  'expense',
  'purchase',
  'transfer-out',
  'transfer-in',
  'low-stock',
  'low-stock-multiple',
  'product',
  'supplier',
  'customer',
  'user',
  'order-pickup',
  'order-delivery',
  'invoice',
  'document',
  'payment-due',
  'payment-overdue',
  'subscription',
  'maintenance',
  'reservation',
  'reminder',
  'no-show',
  'conversation',
  'sla',
  'incident',
  'test',
  'promotion',
  'bell',
] as const;
export type IconName = (typeof ICONS)[number];

/**
 * Who an event reaches when it names no `branchIds` or `recipientIds` itself.
 * - `branches`: the branch ids found in these `data` fields (a string or a list each);
 * - `everyone`: the whole tenant (`branchIds: null`);
 * - `recipients`: only the people the event names (it must name some);
 * - `roles`: owners (always) plus every recipient with one of these roles;
 * - `recipients-or-branches`: the named people if any, else the branches in these fields.
 */
export type Target =
  | { kind: 'branches'; from: readonly string[] }
  | { kind: 'everyone' }
  | { kind: 'recipients' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'recipients-or-branches'; from: readonly string[] };

/** One entry of the catalog: how a business event becomes a notification. */
export interface EventTypeDefinition {
  category: Category;
  severity: Severity;
  icon: IconName | (string & {});
  target: Target;
  /** Deep-link template, e.g. `#/ventas/{entityId}`; see `buildLink`. */
  link?: string;
  title: Localized;
  message: Localized;
  /** How template variables are formatted before rendering. */
  formats?: Readonly<Record<string, ValueFormat>>;
  /** Fallback, escalation and digest (SPEC section 7). */
  rules?: DeliveryRules;
  /** The approved WhatsApp template used outside the 24-hour window (a tenant's override only). */
  whatsappTemplate?: WhatsappTemplateInput;
}

const branch = { kind: 'branches', from: ['branchId'] } as const;
const originAndDestination = { kind: 'branches', from: ['originBranchId', 'destinationBranchId'] } as const;
const everyone = { kind: 'everyone' } as const;
const named = { kind: 'recipients' } as const;
const owners = { kind: 'roles', roles: ['owner'] } as const;
const money = { total: 'currency' } as const;

// Default delivery rules: urgent stock and SLA problems reach owners' phones when nobody looked.
const toOwnersWhenUnseen: DeliveryRules = {
  fallback: { after: '2m', if: 'unseen', to: ['owner'], channels: ['telegram', 'whatsapp', 'email'] },
};
const toTargetsWhenUnseen: DeliveryRules = {
  fallback: { after: '2m', if: 'unseen', to: 'targets', channels: ['telegram', 'whatsapp', 'email'] },
};
const toPersonWhenOffline: DeliveryRules = {
  fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['whatsapp', 'telegram', 'email', 'sms'] },
};

function reservation(
  es: string,
  en: string,
  severity: Severity,
  titleEs: string,
  titleEn: string,
): EventTypeDefinition {
  return {
    category: 'reservations',
    severity,
    icon: 'reservation',
    target: { kind: 'branches', from: ['branchId'] },
    link: '#/reservas/{entityId}',
    title: { es: titleEs, en: titleEn },
    message: {
      es: `Reserva {{code}} para {{people}} personas el {{dateTime}}: ${es}.`,
      en: `Reservation {{code}} for {{people}} people on {{dateTime}}: ${en}.`,
    },
    formats: { dateTime: 'datetime' },
  };
}

/** The `pos-erp` preset: the business events of a multi-branch point of sale or ERP. */
export const POS_ERP_CATALOG = {
  NUEVA_VENTA: {
    category: 'sales',
    severity: 'success',
    icon: 'sale',
    target: branch,
    link: '#/ventas/{entityId}',
    title: { es: 'Nueva venta', en: 'New sale' },
    message: {
      es: 'Nueva venta de {{total}} registrada en tu sucursal.',
      en: 'New sale of {{total}} registered at your branch.',
    },
    formats: money,
  },
  NUEVO_GASTO: {
    category: 'expenses',
    severity: 'info',
    icon: 'expense',
    target: branch,
    link: '#/gastos/{entityId}',
    title: { es: 'Nuevo gasto', en: 'New expense' },
    message: {
      es: 'Nuevo gasto de {{total}} registrado en tu sucursal.',
      en: 'New expense of {{total}} registered at your branch.',
    },
    formats: money,
  },
  NUEVA_COMPRA: {
    category: 'purchases',
    severity: 'info',
    icon: 'purchase',
    target: { kind: 'branches', from: ['branchIds', 'branchId'] },
    link: '#/compras/{entityId}',
    title: { es: 'Mercancía recibida', en: 'Goods received' },
    message: {
      es: "Se recibió mercancía del proveedor '{{supplierName}}' en tu sucursal.",
      en: "Goods from supplier '{{supplierName}}' were received at your branch.",
    },
  },
  TRASPASO_ENVIADO: {
    category: 'inventory',
    severity: 'info',
    icon: 'transfer-out',
    target: originAndDestination,
    link: '#/traspasos/{entityId}',
    title: { es: 'Traspaso enviado', en: 'Transfer sent' },
    message: {
      es: "Se enviaron {{itemCount}} productos desde '{{originName}}' hacia '{{destinationName}}'.",
      en: "{{itemCount}} products were sent from '{{originName}}' to '{{destinationName}}'.",
    },
    formats: { itemCount: 'number' },
  },
  TRASPASO_RECIBIDO: {
    category: 'inventory',
    severity: 'success',
    icon: 'transfer-in',
    target: originAndDestination,
    link: '#/traspasos/{entityId}',
    title: { es: 'Traspaso recibido', en: 'Transfer received' },
    message: {
      es: "Se recibieron los {{itemCount}} productos del traspaso desde '{{originName}}'.",
      en: "The {{itemCount}} products of the transfer from '{{originName}}' were received.",
    },
    formats: { itemCount: 'number' },
  },
  PRODUCTO_STOCK_BAJO: {
    category: 'inventory',
    severity: 'warning',
    icon: 'low-stock',
    target: branch,
    link: '#/inventarios?search={sku}',
    title: { es: 'Stock bajo', en: 'Low stock' },
    message: {
      es: "El producto '{{productName}}' tiene stock bajo ({{qty}} unidades) en tu sucursal.",
      en: "Product '{{productName}}' is low on stock ({{qty}} units) at your branch.",
    },
    formats: { qty: 'number' },
    rules: toOwnersWhenUnseen,
  },
  MULTIPLE_PRODUCTOS_STOCK_BAJO: {
    category: 'inventory',
    severity: 'warning',
    icon: 'low-stock-multiple',
    target: branch,
    link: '#/inventarios?status=low_stock',
    title: { es: 'Varios productos con stock bajo', en: 'Several products low on stock' },
    message: {
      es: 'Varios productos con stock bajo{% if reference %} tras la venta {{reference}}{% endif %}.',
      en: 'Several products are low on stock{% if reference %} after sale {{reference}}{% endif %}.',
    },
    rules: toOwnersWhenUnseen,
  },
  NUEVO_PRODUCTO: {
    category: 'catalog',
    severity: 'info',
    icon: 'product',
    target: everyone,
    link: '#/productos/{entityId}',
    title: { es: 'Nuevo producto', en: 'New product' },
    message: {
      es: "El usuario '{{userName}}' ha creado el nuevo producto '{{productName}}'.",
      en: "User '{{userName}}' created the new product '{{productName}}'.",
    },
  },
  NUEVO_PROVEEDOR: {
    category: 'catalog',
    severity: 'info',
    icon: 'supplier',
    target: everyone,
    link: '#/proveedores/{entityId}',
    title: { es: 'Nuevo proveedor', en: 'New supplier' },
    message: {
      es: "Se ha registrado un nuevo proveedor: '{{supplierName}}'.",
      en: "A new supplier was registered: '{{supplierName}}'.",
    },
  },
  NUEVO_CLIENTE: {
    category: 'catalog',
    severity: 'info',
    icon: 'customer',
    target: everyone,
    link: '#/clientes',
    title: { es: 'Nuevo cliente', en: 'New customer' },
    message: {
      es: "Se ha registrado un nuevo cliente: '{{customerName}}'.",
      en: "A new customer was registered: '{{customerName}}'.",
    },
  },
  NUEVO_USUARIO: {
    category: 'system',
    severity: 'info',
    icon: 'user',
    target: everyone,
    link: '#/usuarios',
    title: { es: 'Nuevo usuario', en: 'New user' },
    message: {
      es: "Se ha registrado un nuevo usuario: '{{userName}}'.",
      en: "A new user was registered: '{{userName}}'.",
    },
  },
  NUEVO_PEDIDO_RETIRO: {
    category: 'orders',
    severity: 'success',
    icon: 'order-pickup',
    target: branch,
    link: '#/ventas/{entityId}',
    title: { es: 'Pedido para retiro', en: 'Pickup order' },
    message: {
      es: 'Nuevo pedido web para retiro en tu sucursal (Folio: {{folio}}).',
      en: 'New web order for pickup at your branch (Folio: {{folio}}).',
    },
  },
  NUEVO_PEDIDO_ENVIO: {
    category: 'orders',
    severity: 'success',
    icon: 'order-delivery',
    target: everyone,
    link: '#/ventas/{entityId}',
    title: { es: 'Pedido para envío', en: 'Delivery order' },
    message: {
      es: 'Nuevo pedido web para envío a domicilio (Folio: {{folio}}).',
      en: 'New web order for home delivery (Folio: {{folio}}).',
    },
  },
  FACTURA_EMITIDA: {
    category: 'billing',
    severity: 'info',
    icon: 'invoice',
    target: branch,
    link: '#/facturas/{entityId}',
    title: { es: 'Factura emitida', en: 'Invoice issued' },
    message: {
      es: 'Se emitió la factura {{number}} por {{total}}.',
      en: 'Invoice {{number}} was issued for {{total}}.',
    },
    formats: money,
  },
  DOCUMENTO_CREADO: {
    category: 'billing',
    severity: 'info',
    icon: 'document',
    target: branch,
    link: '#/documentos/{entityId}',
    title: { es: 'Documento creado', en: 'Document created' },
    message: {
      es: 'Se creó el documento {{documentType}} {{number}}.',
      en: 'Document {{documentType}} {{number}} was created.',
    },
  },
  PAGO_PROXIMO: {
    category: 'billing',
    severity: 'warning',
    icon: 'payment-due',
    target: named,
    link: '#/pagos/{entityId}',
    title: { es: 'Pago próximo', en: 'Payment due soon' },
    message: {
      es: 'Tu pago de {{amount}} vence el {{dueDate}}.',
      en: 'Your payment of {{amount}} is due on {{dueDate}}.',
    },
    formats: { amount: 'currency', dueDate: 'date' },
    rules: toPersonWhenOffline,
  },
  PAGO_VENCIDO: {
    category: 'billing',
    severity: 'critical',
    icon: 'payment-overdue',
    target: named,
    link: '#/pagos/{entityId}',
    title: { es: 'Pago vencido', en: 'Payment overdue' },
    message: {
      es: 'Tu pago de {{amount}} venció el {{dueDate}}.',
      en: 'Your payment of {{amount}} was due on {{dueDate}}.',
    },
    formats: { amount: 'currency', dueDate: 'date' },
    rules: toPersonWhenOffline,
  },
  SUSCRIPCION_POR_VENCER: {
    category: 'subscription',
    severity: 'warning',
    icon: 'subscription',
    target: owners,
    link: '#/suscripcion',
    title: { es: 'Suscripción por vencer', en: 'Subscription expiring' },
    message: {
      es: 'Tu suscripción vence en {{days}} días.',
      en: 'Your subscription expires in {{days}} days.',
    },
    rules: { fallback: { after: '1h', if: 'unread', to: 'targets', channels: ['email'] } },
  },
  SUSCRIPCION_VENCIDA: {
    category: 'subscription',
    severity: 'critical',
    icon: 'subscription',
    target: owners,
    link: '#/suscripcion',
    title: { es: 'Suscripción vencida', en: 'Subscription expired' },
    message: { es: 'Tu suscripción ha vencido.', en: 'Your subscription has expired.' },
    rules: { fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['email', 'whatsapp'] } },
  },
  MANTENIMIENTO_PROGRAMADO: {
    category: 'maintenance',
    severity: 'info',
    icon: 'maintenance',
    target: { kind: 'recipients-or-branches', from: ['branchId'] },
    link: '#/mantenimientos/{entityId}',
    title: { es: 'Mantenimiento programado', en: 'Scheduled maintenance' },
    message: {
      es: 'Recordatorio: mantenimiento de {{subject}} el {{dueDate}}.',
      en: 'Reminder: maintenance of {{subject}} on {{dueDate}}.',
    },
    formats: { dueDate: 'date' },
  },
  RESERVA_CREADA: reservation('creada', 'created', 'info', 'Reserva creada', 'Reservation created'),
  RESERVA_MODIFICADA: reservation(
    'modificada',
    'changed',
    'info',
    'Reserva modificada',
    'Reservation changed',
  ),
  RESERVA_CANCELADA: reservation(
    'cancelada',
    'cancelled',
    'warning',
    'Reserva cancelada',
    'Reservation cancelled',
  ),
  RESERVA_CONFIRMADA: reservation(
    'confirmada',
    'confirmed',
    'success',
    'Reserva confirmada',
    'Reservation confirmed',
  ),
  RECORDATORIO_RESERVA: {
    category: 'reservations',
    severity: 'info',
    icon: 'reminder',
    target: named,
    link: '#/reservas/{entityId}',
    title: { es: 'Recordatorio de reserva', en: 'Reservation reminder' },
    message: {
      es: 'Recordatorio: tu reserva es {{when}}. Responde 1 para confirmar o 2 para cancelar.',
      en: 'Reminder: your reservation is {{when}}. Reply 1 to confirm or 2 to cancel.',
    },
    rules: toPersonWhenOffline,
  },
  NO_SHOW: {
    category: 'reservations',
    severity: 'warning',
    icon: 'no-show',
    target: branch,
    link: '#/reservas/{entityId}',
    title: { es: 'Cliente ausente', en: 'No-show' },
    message: {
      es: 'La reserva {{code}} se marcó como ausente.',
      en: 'Reservation {{code}} was marked as a no-show.',
    },
  },
  ATENCION_PENDIENTE: {
    category: 'support',
    severity: 'warning',
    icon: 'conversation',
    target: branch,
    link: '#/conversaciones/{entityId}',
    title: { es: 'Atención pendiente', en: 'Waiting for attention' },
    message: {
      es: 'Hay una conversación esperando atención desde hace {{minutes}} min.',
      en: 'A conversation has been waiting for attention for {{minutes}} min.',
    },
    rules: {
      escalate: { after: '10m', if: 'unread', to: ['owner', 'manager'], channels: ['telegram', 'whatsapp'] },
    },
  },
  SLA_INCUMPLIDO: {
    category: 'support',
    severity: 'critical',
    icon: 'sla',
    target: { kind: 'roles', roles: ['owner', 'manager'] },
    link: '#/conversaciones/{entityId}',
    title: { es: 'SLA incumplido', en: 'SLA breached' },
    message: {
      es: 'Se incumplió el tiempo de atención de {{subject}}.',
      en: 'The response time for {{subject}} was breached.',
    },
    rules: toTargetsWhenUnseen,
  },
  INCIDENTE_SLA: {
    category: 'support',
    severity: 'critical',
    icon: 'incident',
    target: owners,
    link: '#/conversaciones',
    title: { es: 'Incidente de SLA', en: 'SLA incident' },
    message: {
      es: '{{count}} incumplimientos de atención en los últimos {{minutes}} minutos.',
      en: '{{count}} response-time breaches in the last {{minutes}} minutes.',
    },
    rules: toTargetsWhenUnseen,
  },
  PROMOCION: {
    category: 'promotions',
    severity: 'info',
    icon: 'promotion',
    // Everyone unless the event names branches or people (a mass send names its customers).
    target: everyone,
    title: { es: 'Promoción', en: 'Promotion' },
    message: {
      es: '{{description}}{% if validUntil %} Válida hasta el {{validUntil}}.{% endif %}',
      en: '{{description}}{% if validUntil %} Valid until {{validUntil}}.{% endif %}',
    },
    formats: { validUntil: 'date' },
    // Marketing reaches people's phones at once, where they allow it (quiet hours always apply).
    rules: {
      fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['whatsapp', 'telegram', 'email'] },
    },
  },
  PRUEBA: {
    category: 'system',
    severity: 'info',
    icon: 'test',
    target: named,
    title: { es: 'Prueba', en: 'Test' },
    message: { es: 'Notificación de prueba.', en: 'Test notification.' },
  },
} as const satisfies Record<string, EventTypeDefinition>;

/** The names of the built-in event types. */
export type CatalogEventType = keyof typeof POS_ERP_CATALOG;
export const CATALOG_EVENT_TYPES = Object.keys(POS_ERP_CATALOG) as CatalogEventType[];

/** Event type names: upper snake case, like the catalog's. */
export const EVENT_TYPE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
