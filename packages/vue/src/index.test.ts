import { AvisoBell as AvisoBellElement } from '@aviso/widget';
import { renderToString } from '@vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { createRenderer, createSSRApp, h } from 'vue';
import { AvisoBell } from './index.ts';

describe('@aviso/vue', () => {
  it('renders <aviso-bell> with its attributes, on the server too', async () => {
    const app = createSSRApp({
      render: () =>
        h(AvisoBell, {
          token: 'eyJ.a.b',
          server: 'https://avisos.example.com',
          lang: 'es',
          toastPosition: 'bottom-left',
          maxToasts: 2,
          sound: true,
          open: false,
          getToken: async () => 'next',
          linkTemplates: { NUEVA_VENTA: '/ventas/{entityId}' },
          onNavigate: (e: { preventDefault(): void }) => e.preventDefault(),
        }),
    });
    const html = await renderToString(app);
    expect(html).toMatch(/^<aviso-bell /);
    expect(html).toContain('token="eyJ.a.b"');
    expect(html).toContain('server="https://avisos.example.com"');
    expect(html).toContain('lang="es"');
    expect(html).toContain('toast-position="bottom-left"');
    expect(html).toContain('max-toasts="2"');
    expect(html).toMatch(/ sound(=""|\s|>)/);
    expect(html).not.toContain('open');
    expect(html).not.toContain('getToken');
    expect(html).not.toContain('link-templates');
  });

  it('defines the element when imported', () => {
    expect(customElements.get('aviso-bell')).toBe(AvisoBellElement);
  });

  it('declares the element’s events as its own', () => {
    expect(Object.keys(AvisoBell.emits ?? {})).toEqual(['navigate', 'notification', 'action']);
  });

  it('hands the element its properties and passes its events on as navigate, notification, action', () => {
    // A renderer that records what Vue sets on each node: runtime-dom needs a document.
    type Node = { tag: string; props: Record<string, unknown>; children: Node[] };
    const { createApp } = createRenderer<Node, Node>({
      createElement: (tag) => ({ tag, props: {}, children: [] }),
      patchProp: (el, key, _prev, next) => {
        el.props[key] = next;
      },
      insert: (child, parent) => void parent.children.push(child),
      remove: () => {},
      createText: () => ({ tag: '#text', props: {}, children: [] }),
      createComment: () => ({ tag: '#comment', props: {}, children: [] }),
      setText: () => {},
      setElementText: () => {},
      parentNode: () => null,
      nextSibling: () => null,
    });
    const seen: string[] = [];
    const getToken = async () => 'next';
    const root: Node = { tag: 'root', props: {}, children: [] };
    createApp({
      render: () =>
        h(AvisoBell, {
          token: 't',
          getToken,
          allowedOrigins: ['https://erp.example.com'],
          onNavigate: (e: { link: string }) => seen.push(`navigate ${e.link}`),
          onAction: (e: { actionId: string }) => seen.push(`action ${e.actionId}`),
        }),
    }).mount(root);
    const bell = root.children[0]!;
    expect(bell.tag).toBe('aviso-bell');
    expect(bell.props).toMatchObject({ token: 't', getToken, allowedOrigins: ['https://erp.example.com'] });
    // Vue listens to `aviso-navigate` for the key `onAviso-navigate`.
    (bell.props['onAviso-navigate'] as (e: unknown) => void)({ link: '#/ventas/V-1' });
    (bell.props['onAviso-action'] as (e: unknown) => void)({ actionId: 'approve' });
    expect(seen).toEqual(['navigate #/ventas/V-1', 'action approve']);
  });
});
