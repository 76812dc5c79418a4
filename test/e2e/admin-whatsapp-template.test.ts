import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/console.ts';
import { consoleShop } from './console-shop.ts';

describe.skipIf(!hasChromium)('the console’s WhatsApp template mapping', () => {
  const shop = consoleShop('Ferretería Norte', { locale: 'es-MX' });

  it('edits a type’s template, previews its parameters from the sample data, and saves it', async () => {
    const page = await shop.rig.page();
    await shop.rig.signIn(page, shop.tenant.apiKey, 'Ferretería Norte');
    await page.getByRole('link', { name: 'Tipos de evento' }).click();
    await page.locator('tr[data-type="PRODUCTO_STOCK_BAJO"]').getByRole('button', { name: 'Editar' }).click();
    const editor = page.getByRole('form', { name: 'PRODUCTO_STOCK_BAJO' });
    const preview = editor.locator('[data-preview="whatsapp"]');
    await preview.getByText('Sin plantilla').waitFor();

    await editor
      .getByLabel('Datos de ejemplo (JSON)')
      .fill(JSON.stringify({ productName: 'Martillo', qty: 2, sku: 'MRT-1' }));
    const field = editor.getByLabel('Plantilla de WhatsApp fuera de 24 h (JSON)');
    await field.fill(JSON.stringify({ name: 'stock_bajo', body: ['data.productName'] }));
    // Invalid as typed: a Meta template needs its language, and the preview says where.
    await preview.getByText('language: a Meta template needs its language').waitFor();
    const mapping = {
      name: 'stock_bajo',
      language: 'es_MX',
      body: ['data.productName', 'data.qty'],
      buttons: [{ type: 'url', index: 0, value: 'data.sku' }],
    };
    await field.fill(JSON.stringify(mapping));
    await preview.getByText('Meta: stock_bajo (es_MX)').waitFor();
    expect(await preview.locator('li').allTextContents()).toEqual([
      '{{1}} = Martillo',
      '{{2}} = 2',
      'url #0 = MRT-1',
    ]);

    await editor.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Guardado.').waitFor();
    const saved = (
      await shop.tenant.call<{ items: { type: string; definition: { whatsappTemplate?: unknown } }[] }>(
        'GET',
        '/v1/event-types',
      )
    ).body.items.find((t) => t.type === 'PRODUCTO_STOCK_BAJO')!;
    expect(saved.definition.whatsappTemplate).toEqual(mapping);

    // The hub's refusal is shown at the field.
    await field.fill(JSON.stringify({ name: 'stock_bajo', language: 'es_MX', body: ['process.env'] }));
    await editor.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await page.context().close();
  });
});
