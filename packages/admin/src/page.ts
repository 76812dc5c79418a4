import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type Api, ApiError } from './api.ts';
import { Formats } from './formats.ts';
import { type Lang, type StringKey, type Terms, type Translate, termsOf, translator } from './i18n.ts';
import { apiFieldErrors, errorText } from './messages.ts';
import { pageStyles, tokens } from './styles.ts';

const idPart = (path: string) => path.replace(/[^A-Za-z0-9_-]/g, '-');
/** A field's error element id: paths such as `config.port` become `err-config-port`. */
export const errorId = (path: string) => `err-${idPart(path)}`;
/** The id of a field's input (`f-config-port`), which its label names. */
export const inputId = (path: string) => `f-${idPart(path)}`;
/** The id of a field's help line. */
export const helpId = (path: string) => `h-${idPart(path)}`;

/** How `textField` draws its input: controlled (`value`, `onInput`) or read from the form (`name`). */
export interface TextFieldOptions {
  name?: string;
  value?: string;
  onInput?: (value: string) => void;
  type?: string;
  help?: string;
  required?: boolean;
  textarea?: boolean;
}

/**
 * What every page of the console shares: the API client, the language, the tenant's formats, a
 * load on show, and errors shown where they belong (a field's beside it, the rest on top).
 * Subclasses implement `load()` and call `run()` around actions.
 */
export abstract class AdminPage extends LitElement {
  static override styles = [tokens, pageStyles];
  static override properties = {
    api: { attribute: false },
    language: {},
    formats: { attribute: false },
    error: { state: true },
    fieldErrors: { state: true },
    loading: { state: true },
  };

  declare api: Api;
  language: Lang = 'es';
  formats: Formats = new Formats('es');
  error: unknown = null;
  /** Messages by field path (`name`, `config.port`), shown beside the field with that path. */
  fieldErrors: Record<string, string> = {};
  loading = false;
  protected t: Translate = translator('es');
  protected terms: Terms = termsOf('es');
  /** The field paths drawn by the last render: an error for any other path goes on top. */
  private drawnPaths = new Set<string>();

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('language')) {
      this.t = translator(this.language);
      this.terms = termsOf(this.language);
    }
    this.drawnPaths = new Set();
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the page's data, showing errors instead of throwing. */
  async refresh() {
    if (!this.api) return;
    this.loading = true;
    await this.run(() => this.load());
    this.loading = false;
  }

  protected abstract load(): Promise<void>;

  /** Runs an action; an error is kept for `renderError()` (its field details for `fieldError()`) and `false` returned. */
  protected async run(action: () => Promise<unknown>): Promise<boolean> {
    try {
      this.error = null;
      this.fieldErrors = {};
      await action();
      return true;
    } catch (err) {
      this.error = err;
      this.fieldErrors = apiFieldErrors(err, this.t, this.terms);
      return false;
    }
  }

  /** Shows problems found before asking the hub, as the hub would: on top and at their fields. */
  protected showProblems(fieldErrors: Record<string, string>) {
    this.fieldErrors = fieldErrors;
    this.error = new ApiError(400, 'VALIDATION_FAILED', 'the form is not valid');
  }

  /** `aria-invalid` and `aria-describedby` values of the field with this path. */
  protected invalid(path: string): 'true' | 'false' {
    return path in this.fieldErrors ? 'true' : 'false';
  }

  protected describedBy(path: string, help?: string): string | typeof nothing {
    const ids = [path in this.fieldErrors ? errorId(path) : '', help ?? ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  /** The message beside a field (empty when it is fine); marks the path as drawn. */
  protected fieldError(path: string) {
    this.drawnPaths.add(path);
    const message = this.fieldErrors[path];
    return message ? html`<span class="field-error" id=${errorId(path)}>${message}</span>` : nothing;
  }

  /** A labelled field: its label (tied to the control by `inputId(path)`), the control, its help and its error. */
  protected field(path: string, label: string, control: unknown, help?: string, required = false) {
    return html`<div class="field">
      <label for=${inputId(path)} class=${required ? 'required' : ''}>${label}</label>
      ${control} ${help ? html`<span class="hint" id=${helpId(path)}>${help}</span>` : nothing}
      ${this.fieldError(path)}
    </div>`;
  }

  /** A labelled text input or textarea, marked and described when its path has an error. */
  protected textField(path: string, label: string, o: TextFieldOptions = {}) {
    const aria = {
      invalid: this.invalid(path),
      describedBy: this.describedBy(path, o.help ? helpId(path) : ''),
    };
    const onInput = o.onInput && ((e: Event) => o.onInput!((e.target as HTMLInputElement).value));
    const control = o.textarea
      ? html`<textarea id=${inputId(path)} name=${o.name ?? nothing} .value=${o.value ?? ''}
          aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy} @input=${onInput}></textarea>`
      : html`<input id=${inputId(path)} name=${o.name ?? nothing} type=${o.type ?? 'text'} .value=${o.value ?? ''}
          autocomplete="off" aria-required=${o.required ? 'true' : 'false'} aria-invalid=${aria.invalid}
          aria-describedby=${aria.describedBy} @input=${onInput} />`;
    return this.field(path, label, control, o.help, o.required);
  }

  /**
   * A list's table: a header cell a column, a row (or rows) an item, and "empty" under it once the
   * list has loaded with nothing and no error; `after` follows it (a "loading" line).
   */
  protected renderTable<Item>(
    columns: readonly StringKey[],
    items: readonly Item[],
    row: (item: Item) => unknown,
    { label, after = nothing }: { label?: string; after?: unknown } = {},
  ) {
    const t = this.t;
    return html`<div class="table">
      <table aria-label=${label ?? nothing}>
        <thead>
          <tr>${columns.map((c) => html`<th>${t(c)}</th>`)}</tr>
        </thead>
        <tbody>${items.map(row)}</tbody>
      </table>
      ${!this.loading && !items.length && !this.error ? html`<p class="muted">${t('empty')}</p>` : nothing}
      ${after}
    </div>`;
  }

  /** The current error in the console's language, or the notice for a feature the hub does not offer yet (`what`). */
  protected renderError(what?: StringKey) {
    const err = this.error;
    if (!err) return nothing;
    if (what && err instanceof ApiError && err.routeMissing) {
      return html`<p class="notice" role="status">${this.t('notAvailable', { what: this.t(what) })}</p>`;
    }
    const text =
      Object.keys(this.fieldErrors).length && err instanceof ApiError && err.code === 'VALIDATION_FAILED'
        ? this.t('checkFields')
        : errorText(err, this.t, this.terms);
    const stray = this.strayPaths;
    return html`<div class="notice error" role="alert" data-error-code=${err instanceof ApiError ? err.code : 'network'}>
      ${text}
      ${stray.length ? html`<ul>${stray.map((p) => html`<li><span class="mono">${p}</span>: ${this.fieldErrors[p]}</li>`)}</ul>` : nothing}
    </div>`;
  }

  /** Field errors whose field the last render did not draw: the notice on top lists them. */
  private strayPaths: string[] = [];

  protected override updated() {
    const stray = Object.keys(this.fieldErrors).filter((p) => !this.drawnPaths.has(p));
    if (stray.join() !== this.strayPaths.join()) {
      this.strayPaths = stray;
      this.requestUpdate();
    }
  }
}
