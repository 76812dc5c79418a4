import { css, html } from 'lit';
import { AdminPage } from './page.ts';

/** A form laid out as a column of its parts, and checkboxes that wrap in rows (`.choices`). */
export const formStyles = css`
  form {
    display: grid;
    gap: 12px;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
  }
`;

/**
 * A form of the console (a channel, a recipient, a new event type): its button is greyed while
 * the hub answers, and its cancel button fires `close`.
 * @fires close - the form was cancelled
 */
export abstract class AdminForm extends AdminPage {
  static override properties = { ...AdminPage.properties, busy: { state: true } };

  busy = false;

  /** Most forms load nothing: what they edit is given to them. */
  protected async load() {}

  /** Sends the form (see `run`) with its button greyed; answers whether the hub took it. */
  protected async send(request: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    const ok = await this.run(request);
    this.busy = false;
    return ok;
  }

  /** The submit button (`label`), greyed while busy, and cancel. */
  protected renderButtons(label: string) {
    return html`<div class="row">
      <button class="primary" type="submit" ?disabled=${this.busy}>${label}</button>
      <button type="button" @click=${() => this.dispatchEvent(new Event('close', { bubbles: true, composed: true }))}>${this.t('cancel')}</button>
    </div>`;
  }
}
