import { AvisoBell as AvisoBellElement } from '@aviso/widget';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AvisoBell, type AvisoBellProps } from './index.ts';

describe('@aviso/react', () => {
  it('renders <aviso-bell> with its attributes, on the server too', () => {
    const html = renderToString(
      createElement(AvisoBell, {
        token: 'eyJ.a.b',
        server: 'https://avisos.example.com',
        lang: 'es',
        id: 'bell',
      }),
    );
    expect(html).toMatch(/^<aviso-bell /);
    expect(html).toContain('id="bell"');
    expect(html).toContain('lang="es"');
  });

  it('defines the element when imported', () => {
    expect(customElements.get('aviso-bell')).toBe(AvisoBellElement);
  });

  it('types the events as the widget’s', () => {
    const props: AvisoBellProps = {
      token: 't',
      toastPosition: 'bottom-left',
      getToken: async () => 'next',
      onNavigate: (e) => {
        e.preventDefault();
        expect(typeof e.link).toBe('string');
      },
      onAction: (e) => void e.actionId,
      onNotification: (e) => void e.notification.id,
    };
    expect(createElement(AvisoBell, props).props).toMatchObject({ token: 't' });
  });
});
