// Long by nature: the pos-erp catalog is data (30 event types × title, message and rules in es, en
// and pt). Its helpers are few and at the top; splitting the entries would only scatter them.
import type { Role, Severity } from './notification.ts';
import type { DeliveryRules } from './rules.ts';
import type { WhatsappTemplateInput } from './whatsapp-template.ts';

/** Languages every catalog entry is written in. */
export const CATALOG_LOCALES = ['es', 'en', 'pt'] as const;
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
  /** The type's own email subject and body, per locale (a tenant's override only). */
  email?: { subject?: Partial<Localized>; body?: Partial<Localized> };
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

/*
 * Template pieces. `branchName` is filled by the hub from the branches of the event's data, so a
 * message that reaches the owners of every branch says which one; without it, "your branch".
 * Counts go through `plural` (Intl.PluralRules), quotes are typographic.
 */
const atBranch = {
  es: '{% if branchName %}{{ branchName }}{% else %}tu sucursal{% endif %}',
  en: '{% if branchName %}{{ branchName }}{% else %}your branch{% endif %}',
  pt: '{% if branchName %}{{ branchName }}{% else %}sua filial{% endif %}',
};
/** ` en Centro` when the branch is known, nothing otherwise (for texts that read well without it). */
const inBranch = {
  es: '{% if branchName %} en {{ branchName }}{% endif %}',
  en: '{% if branchName %} at {{ branchName }}{% endif %}',
  pt: '{% if branchName %} em {{ branchName }}{% endif %}',
};
/** A transfer's size: units of products when the hub could count `items`, else the host's `itemCount`. */
const transferSize = {
  es: "{% if productCount %}: {{ unitCount | plural: 'unidad', 'unidades' }} de {{ productCount | plural: 'producto', 'productos' }}{% elsif itemCount %}: {{ itemCount | plural: 'producto', 'productos' }}{% endif %}",
  en: "{% if productCount %}: {{ unitCount | plural: 'unit', 'units' }} of {{ productCount | plural: 'product', 'products' }}{% elsif itemCount %}: {{ itemCount | plural: 'product', 'products' }}{% endif %}",
  pt: "{% if productCount %}: {{ unitCount | plural: 'unidade', 'unidades' }} de {{ productCount | plural: 'produto', 'produtos' }}{% elsif itemCount %}: {{ itemCount | plural: 'produto', 'produtos' }}{% endif %}",
};
/** What moved the stock: a sale, a transfer, or another movement the host named. */
const afterMovement = {
  es: "{% if reference %} tras {% case referenceType %}{% when 'transfer', 'traspaso' %}el traspaso{% when 'sale', 'venta', nil, '' %}la venta{% else %}el movimiento{% endcase %} {{ reference }}{% endif %}",
  en: "{% if reference %} after {% case referenceType %}{% when 'transfer', 'traspaso' %}transfer{% when 'sale', 'venta', nil, '' %}sale{% else %}movement{% endcase %} {{ reference }}{% endif %}",
  pt: "{% if reference %} após {% case referenceType %}{% when 'transfer', 'traspaso' %}a transferência{% when 'sale', 'venta', nil, '' %}a venda{% else %}o movimento{% endcase %} {{ reference }}{% endif %}",
};
/** Up to three products with their level and minimum, then "y N más". */
function productList(and: string, more: string, min: string): string {
  return (
    '{% for p in products limit: 3 %}{% if forloop.first %}{% elsif forloop.last and products.size <= 3 %}' +
    ` ${and} {% else %}, {% endif %}{{ p.name }} ({{ p.qty | number }}, ${min} {{ p.min | number }}){% endfor %}` +
    `{% if products.size > 3 %} ${and} {{ products.size | minus: 3 }} ${more}{% endif %}`
  );
}

function reservation(status: Localized, severity: Severity, title: Localized): EventTypeDefinition {
  return {
    category: 'reservations',
    severity,
    icon: 'reservation',
    target: { kind: 'branches', from: ['branchId'] },
    link: '#/reservas/{entityId}',
    title,
    message: {
      es: `Reserva {{code}} para {{ people | plural: 'persona', 'personas' }} el {{dateTime}}${inBranch.es}: ${status.es}.`,
      en: `Reservation {{code}} for {{ people | plural: 'person', 'people' }} on {{dateTime}}${inBranch.en}: ${status.en}.`,
      pt: `Reserva {{code}} para {{ people | plural: 'pessoa', 'pessoas' }} em {{dateTime}}${inBranch.pt}: ${status.pt}.`,
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
    title: { es: 'Nueva venta', en: 'New sale', pt: 'Nova venda' },
    message: {
      es: `Nueva venta de {{total}} registrada en ${atBranch.es}.`,
      en: `New sale of {{total}} registered at ${atBranch.en}.`,
      pt: `Nova venda de {{total}} registrada em ${atBranch.pt}.`,
    },
    formats: money,
  },
  NUEVO_GASTO: {
    category: 'expenses',
    severity: 'info',
    icon: 'expense',
    target: branch,
    link: '#/gastos/{entityId}',
    title: { es: 'Nuevo gasto', en: 'New expense', pt: 'Nova despesa' },
    message: {
      es: `Nuevo gasto de {{total}} registrado en ${atBranch.es}.`,
      en: `New expense of {{total}} registered at ${atBranch.en}.`,
      pt: `Nova despesa de {{total}} registrada em ${atBranch.pt}.`,
    },
    formats: money,
  },
  NUEVA_COMPRA: {
    category: 'purchases',
    severity: 'info',
    icon: 'purchase',
    target: { kind: 'branches', from: ['branchIds', 'branchId'] },
    link: '#/compras/{entityId}',
    title: { es: 'Mercancía recibida', en: 'Goods received', pt: 'Mercadoria recebida' },
    message: {
      es: `Se recibió mercancía del proveedor “{{supplierName}}” en ${atBranch.es}.`,
      en: `Goods from supplier “{{supplierName}}” were received at ${atBranch.en}.`,
      pt: `Mercadoria do fornecedor “{{supplierName}}” recebida em ${atBranch.pt}.`,
    },
  },
  TRASPASO_ENVIADO: {
    category: 'inventory',
    severity: 'info',
    icon: 'transfer-out',
    target: originAndDestination,
    link: '#/traspasos/{entityId}',
    title: { es: 'Traspaso enviado', en: 'Transfer sent', pt: 'Transferência enviada' },
    message: {
      es: `Desde “{{originName}}” hacia “{{destinationName}}”${transferSize.es}.`,
      en: `From “{{originName}}” to “{{destinationName}}”${transferSize.en}.`,
      pt: `De “{{originName}}” para “{{destinationName}}”${transferSize.pt}.`,
    },
  },
  TRASPASO_RECIBIDO: {
    category: 'inventory',
    severity: 'success',
    icon: 'transfer-in',
    target: originAndDestination,
    link: '#/traspasos/{entityId}',
    title: { es: 'Traspaso recibido', en: 'Transfer received', pt: 'Transferência recebida' },
    message: {
      es: `Recibido en “{{destinationName}}” desde “{{originName}}”${transferSize.es}.`,
      en: `Received at “{{destinationName}}” from “{{originName}}”${transferSize.en}.`,
      pt: `Recebida em “{{destinationName}}” de “{{originName}}”${transferSize.pt}.`,
    },
  },
  PRODUCTO_STOCK_BAJO: {
    category: 'inventory',
    severity: 'warning',
    icon: 'low-stock',
    target: branch,
    link: '#/inventarios?search={sku}',
    title: { es: 'Stock bajo', en: 'Low stock', pt: 'Estoque baixo' },
    message: {
      es: `El producto “{{productName}}” tiene stock bajo ({{ qty | plural: 'unidad', 'unidades' }}{% if min %}, mínimo {{ min | number }}{% endif %}) en ${atBranch.es}${afterMovement.es}.`,
      en: `Product “{{productName}}” is low on stock ({{ qty | plural: 'unit', 'units' }}{% if min %}, minimum {{ min | number }}{% endif %}) at ${atBranch.en}${afterMovement.en}.`,
      pt: `O produto “{{productName}}” está com estoque baixo ({{ qty | plural: 'unidade', 'unidades' }}{% if min %}, mínimo {{ min | number }}{% endif %}) em ${atBranch.pt}${afterMovement.pt}.`,
    },
    rules: toOwnersWhenUnseen,
  },
  MULTIPLE_PRODUCTOS_STOCK_BAJO: {
    category: 'inventory',
    severity: 'warning',
    icon: 'low-stock-multiple',
    target: branch,
    link: '#/inventarios?status=low_stock',
    title: {
      es: 'Varios productos con stock bajo',
      en: 'Several products low on stock',
      pt: 'Vários produtos com estoque baixo',
    },
    // The title says what happened; the message says where, after what, and which products.
    message: {
      es: `En ${atBranch.es}${afterMovement.es}{% if products.size > 0 %}: ${productList('y', 'más', 'mín.')}{% endif %}.`,
      en: `At ${atBranch.en}${afterMovement.en}{% if products.size > 0 %}: ${productList('and', 'more', 'min.')}{% endif %}.`,
      pt: `Em ${atBranch.pt}${afterMovement.pt}{% if products.size > 0 %}: ${productList('e', 'mais', 'mín.')}{% endif %}.`,
    },
    rules: toOwnersWhenUnseen,
  },
  NUEVO_PRODUCTO: {
    category: 'catalog',
    severity: 'info',
    icon: 'product',
    target: everyone,
    link: '#/productos/{entityId}',
    title: { es: 'Nuevo producto', en: 'New product', pt: 'Novo produto' },
    message: {
      es: 'El usuario “{{userName}}” ha creado el nuevo producto “{{productName}}”.',
      en: 'User “{{userName}}” created the new product “{{productName}}”.',
      pt: 'O usuário “{{userName}}” criou o novo produto “{{productName}}”.',
    },
  },
  NUEVO_PROVEEDOR: {
    category: 'catalog',
    severity: 'info',
    icon: 'supplier',
    target: everyone,
    link: '#/proveedores/{entityId}',
    title: { es: 'Nuevo proveedor', en: 'New supplier', pt: 'Novo fornecedor' },
    message: {
      es: 'Se ha registrado un nuevo proveedor: “{{supplierName}}”.',
      en: 'A new supplier was registered: “{{supplierName}}”.',
      pt: 'Um novo fornecedor foi cadastrado: “{{supplierName}}”.',
    },
  },
  NUEVO_CLIENTE: {
    category: 'catalog',
    severity: 'info',
    icon: 'customer',
    target: everyone,
    link: '#/clientes',
    title: { es: 'Nuevo cliente', en: 'New customer', pt: 'Novo cliente' },
    message: {
      es: 'Se ha registrado un nuevo cliente: “{{customerName}}”.',
      en: 'A new customer was registered: “{{customerName}}”.',
      pt: 'Um novo cliente foi cadastrado: “{{customerName}}”.',
    },
  },
  NUEVO_USUARIO: {
    category: 'system',
    severity: 'info',
    icon: 'user',
    target: everyone,
    link: '#/usuarios',
    title: { es: 'Nuevo usuario', en: 'New user', pt: 'Novo usuário' },
    message: {
      es: 'Se ha registrado un nuevo usuario: “{{userName}}”.',
      en: 'A new user was registered: “{{userName}}”.',
      pt: 'Um novo usuário foi cadastrado: “{{userName}}”.',
    },
  },
  NUEVO_PEDIDO_RETIRO: {
    category: 'orders',
    severity: 'success',
    icon: 'order-pickup',
    target: branch,
    link: '#/ventas/{entityId}',
    title: { es: 'Pedido para retiro', en: 'Pickup order', pt: 'Pedido para retirada' },
    message: {
      es: `Nuevo pedido web para retiro en ${atBranch.es} (Folio: {{folio}}).`,
      en: `New web order for pickup at ${atBranch.en} (Folio: {{folio}}).`,
      pt: `Novo pedido online para retirada em ${atBranch.pt} (Pedido: {{folio}}).`,
    },
  },
  NUEVO_PEDIDO_ENVIO: {
    category: 'orders',
    severity: 'success',
    icon: 'order-delivery',
    target: everyone,
    link: '#/ventas/{entityId}',
    title: { es: 'Pedido para envío', en: 'Delivery order', pt: 'Pedido para entrega' },
    message: {
      es: 'Nuevo pedido web para envío a domicilio (Folio: {{folio}}).',
      en: 'New web order for home delivery (Folio: {{folio}}).',
      pt: 'Novo pedido online para entrega em domicílio (Pedido: {{folio}}).',
    },
  },
  FACTURA_EMITIDA: {
    category: 'billing',
    severity: 'info',
    icon: 'invoice',
    target: branch,
    link: '#/facturas/{entityId}',
    title: { es: 'Factura emitida', en: 'Invoice issued', pt: 'Fatura emitida' },
    message: {
      es: `Se emitió la factura {{number}} por {{total}}${inBranch.es}.`,
      en: `Invoice {{number}} was issued for {{total}}${inBranch.en}.`,
      pt: `A fatura {{number}} foi emitida por {{total}}${inBranch.pt}.`,
    },
    formats: money,
  },
  DOCUMENTO_CREADO: {
    category: 'billing',
    severity: 'info',
    icon: 'document',
    target: branch,
    link: '#/documentos/{entityId}',
    title: { es: 'Documento creado', en: 'Document created', pt: 'Documento criado' },
    message: {
      es: `Se creó el documento {{documentType}} {{number}}${inBranch.es}.`,
      en: `Document {{documentType}} {{number}} was created${inBranch.en}.`,
      pt: `O documento {{documentType}} {{number}} foi criado${inBranch.pt}.`,
    },
  },
  PAGO_PROXIMO: {
    category: 'billing',
    severity: 'warning',
    icon: 'payment-due',
    target: named,
    link: '#/pagos/{entityId}',
    title: { es: 'Pago próximo', en: 'Payment due soon', pt: 'Pagamento próximo' },
    message: {
      es: 'Tu pago de {{amount}} vence el {{dueDate}}.',
      en: 'Your payment of {{amount}} is due on {{dueDate}}.',
      pt: 'Seu pagamento de {{amount}} vence em {{dueDate}}.',
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
    title: { es: 'Pago vencido', en: 'Payment overdue', pt: 'Pagamento vencido' },
    message: {
      es: 'Tu pago de {{amount}} venció el {{dueDate}}.',
      en: 'Your payment of {{amount}} was due on {{dueDate}}.',
      pt: 'Seu pagamento de {{amount}} venceu em {{dueDate}}.',
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
    title: { es: 'Suscripción por vencer', en: 'Subscription expiring', pt: 'Assinatura a vencer' },
    message: {
      es: "Tu suscripción vence {% if days == 0 %}hoy{% else %}en {{ days | plural: 'día', 'días' }}{% endif %}.",
      en: "Your subscription expires {% if days == 0 %}today{% else %}in {{ days | plural: 'day', 'days' }}{% endif %}.",
      pt: "Sua assinatura vence {% if days == 0 %}hoje{% else %}em {{ days | plural: 'dia', 'dias' }}{% endif %}.",
    },
    rules: { fallback: { after: '1h', if: 'unread', to: 'targets', channels: ['email'] } },
  },
  SUSCRIPCION_VENCIDA: {
    category: 'subscription',
    severity: 'critical',
    icon: 'subscription',
    target: owners,
    link: '#/suscripcion',
    title: { es: 'Suscripción vencida', en: 'Subscription expired', pt: 'Assinatura vencida' },
    message: {
      es: 'Tu suscripción ha vencido.',
      en: 'Your subscription has expired.',
      pt: 'Sua assinatura venceu.',
    },
    rules: { fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['email', 'whatsapp'] } },
  },
  MANTENIMIENTO_PROGRAMADO: {
    category: 'maintenance',
    severity: 'info',
    icon: 'maintenance',
    target: { kind: 'recipients-or-branches', from: ['branchId'] },
    link: '#/mantenimientos/{entityId}',
    title: { es: 'Mantenimiento programado', en: 'Scheduled maintenance', pt: 'Manutenção programada' },
    message: {
      es: `Recordatorio: mantenimiento de {{subject}} el {{dueDate}}${inBranch.es}.`,
      en: `Reminder: maintenance of {{subject}} on {{dueDate}}${inBranch.en}.`,
      pt: `Lembrete: manutenção de {{subject}} em {{dueDate}}${inBranch.pt}.`,
    },
    formats: { dueDate: 'date' },
  },
  RESERVA_CREADA: reservation({ es: 'creada', en: 'created', pt: 'criada' }, 'info', {
    es: 'Reserva creada',
    en: 'Reservation created',
    pt: 'Reserva criada',
  }),
  RESERVA_MODIFICADA: reservation({ es: 'modificada', en: 'changed', pt: 'alterada' }, 'info', {
    es: 'Reserva modificada',
    en: 'Reservation changed',
    pt: 'Reserva alterada',
  }),
  RESERVA_CANCELADA: reservation({ es: 'cancelada', en: 'cancelled', pt: 'cancelada' }, 'warning', {
    es: 'Reserva cancelada',
    en: 'Reservation cancelled',
    pt: 'Reserva cancelada',
  }),
  RESERVA_CONFIRMADA: reservation({ es: 'confirmada', en: 'confirmed', pt: 'confirmada' }, 'success', {
    es: 'Reserva confirmada',
    en: 'Reservation confirmed',
    pt: 'Reserva confirmada',
  }),
  RECORDATORIO_RESERVA: {
    category: 'reservations',
    severity: 'info',
    icon: 'reminder',
    target: named,
    link: '#/reservas/{entityId}',
    title: { es: 'Recordatorio de reserva', en: 'Reservation reminder', pt: 'Lembrete de reserva' },
    message: {
      es: 'Recordatorio: tu reserva es {{when}}. Responde 1 para confirmar o 2 para cancelar.',
      en: 'Reminder: your reservation is {{when}}. Reply 1 to confirm or 2 to cancel.',
      pt: 'Lembrete: sua reserva é {{when}}. Responda 1 para confirmar ou 2 para cancelar.',
    },
    rules: toPersonWhenOffline,
  },
  NO_SHOW: {
    category: 'reservations',
    severity: 'warning',
    icon: 'no-show',
    target: branch,
    link: '#/reservas/{entityId}',
    title: { es: 'Cliente ausente', en: 'No-show', pt: 'Cliente ausente' },
    message: {
      es: `La reserva {{code}} se marcó como ausente${inBranch.es}.`,
      en: `Reservation {{code}} was marked as a no-show${inBranch.en}.`,
      pt: `A reserva {{code}} foi marcada como ausente${inBranch.pt}.`,
    },
  },
  ATENCION_PENDIENTE: {
    category: 'support',
    severity: 'warning',
    icon: 'conversation',
    target: branch,
    link: '#/conversaciones/{entityId}',
    title: { es: 'Atención pendiente', en: 'Waiting for attention', pt: 'Atendimento pendente' },
    message: {
      es: `Hay una conversación esperando atención desde hace {{minutes}} min${inBranch.es}.`,
      en: `A conversation has been waiting for attention for {{minutes}} min${inBranch.en}.`,
      pt: `Há uma conversa aguardando atendimento há {{minutes}} min${inBranch.pt}.`,
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
    title: { es: 'SLA incumplido', en: 'SLA breached', pt: 'SLA descumprido' },
    message: {
      es: 'Se incumplió el tiempo de atención de {{subject}}.',
      en: 'The response time for {{subject}} was breached.',
      pt: 'O tempo de atendimento de {{subject}} foi descumprido.',
    },
    rules: toTargetsWhenUnseen,
  },
  INCIDENTE_SLA: {
    category: 'support',
    severity: 'critical',
    icon: 'incident',
    target: owners,
    link: '#/conversaciones',
    title: { es: 'Incidente de SLA', en: 'SLA incident', pt: 'Incidente de SLA' },
    message: {
      es: "{{ count | plural: 'incumplimiento', 'incumplimientos' }} de atención en los últimos {{minutes}} minutos.",
      en: "{{ count | plural: 'response-time breach', 'response-time breaches' }} in the last {{minutes}} minutes.",
      pt: "{{ count | plural: 'descumprimento', 'descumprimentos' }} de atendimento nos últimos {{minutes}} minutos.",
    },
    rules: toTargetsWhenUnseen,
  },
  PROMOCION: {
    category: 'promotions',
    severity: 'info',
    icon: 'promotion',
    // Everyone unless the event names branches or people (a mass send names its customers).
    target: everyone,
    title: { es: 'Promoción', en: 'Promotion', pt: 'Promoção' },
    message: {
      es: '{{description}}{% if validUntil %} Válida hasta el {{validUntil}}.{% endif %}',
      en: '{{description}}{% if validUntil %} Valid until {{validUntil}}.{% endif %}',
      pt: '{{description}}{% if validUntil %} Válida até {{validUntil}}.{% endif %}',
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
    title: { es: 'Prueba', en: 'Test', pt: 'Teste' },
    message: { es: 'Notificación de prueba.', en: 'Test notification.', pt: 'Notificação de teste.' },
  },
} as const satisfies Record<string, EventTypeDefinition>;

/** The names of the built-in event types. */
export type CatalogEventType = keyof typeof POS_ERP_CATALOG;
export const CATALOG_EVENT_TYPES = Object.keys(POS_ERP_CATALOG) as CatalogEventType[];

/** Event type names: upper snake case, like the catalog's. */
export const EVENT_TYPE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
