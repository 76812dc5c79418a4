/**
 * What Meta receives for the `stock_bajo` template of the tests' low-stock alert (the hammer,
 * SKU MRT-1): its body parameters are the product, `qty` and `where`; its first button opens the
 * product by SKU. `buttons` are the template's further button components.
 */
export function metaStockTemplate(
  to: string,
  qty: string,
  where: string,
  buttons: Record<string, unknown>[] = [],
) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    template: {
      name: 'stock_bajo',
      language: { code: 'es_MX' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Martillo' },
            { type: 'text', text: qty },
            { type: 'text', text: where },
          ],
        },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'MRT-1' }] },
        ...buttons,
      ],
    },
  };
}
