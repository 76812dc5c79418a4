import { html } from 'lit';
import { AdminPage } from '../page.ts';

/** Activity per notification: who it was for, who received, saw and read it, and what went out. */
export class AdminActivity extends AdminPage {
  protected async load() {}

  override render() {
    return html`<h2>${this.t('activity')}</h2>`;
  }
}

customElements.define('admin-activity', AdminActivity);
declare global {
  interface HTMLElementTagNameMap {
    'admin-activity': AdminActivity;
  }
}
