import {
  CATALOG_LOCALES,
  CATEGORIES,
  EventTypeNameSchema,
  EventTypeOverrideSchema,
  ICONS,
  SEVERITIES,
} from '@aviso/protocol';
import { html } from 'lit';
import { AdminForm } from '../form-page.ts';
import { type Issue, issuesByPath } from '../messages.ts';
import { inputId } from '../page.ts';

const TARGETS = {
  everyone: { kind: 'everyone' },
  recipients: { kind: 'recipients' },
  branches: { kind: 'branches', from: ['branchId'] },
  owners: { kind: 'roles', roles: ['owner'] },
} as const;
type TargetChoice = keyof typeof TARGETS;

/** Fired with the name of the type just created. */
export class TypeCreatedEvent extends Event {
  constructor(readonly typeName: string) {
    super('type-created', { bubbles: true, composed: true });
  }
}

/**
 * A new event type of the tenant's own: its name, category, severity, icon, who receives it, and
 * its first texts (`PUT /v1/event-types/:type` with a name the catalog does not have).
 * @fires type-created - the type exists now
 * @fires close - the form was cancelled
 */
export class AdminNewType extends AdminForm {
  /** Names already taken: a new type must not silently override one. */
  taken: ReadonlySet<string> = new Set();

  private async create(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const type = value('type').toUpperCase();
    const texts = (field: string) =>
      Object.fromEntries(CATALOG_LOCALES.map((l) => [l, value(`${field}-${l}`)]).filter(([, v]) => v));
    const body = {
      category: value('category'),
      severity: value('severity'),
      icon: value('icon'),
      target: TARGETS[value('target') as TargetChoice] ?? TARGETS.everyone,
      title: texts('title'),
      message: texts('message'),
    };
    const name = EventTypeNameSchema.safeParse(type);
    const parsed = EventTypeOverrideSchema.safeParse(body);
    const problems: Record<string, string> = {
      ...(name.success ? {} : issuesByPath(name.error.issues as Issue[], this.t, 'type')),
      ...(this.taken.has(type) ? { type: this.t('fieldInvalid') } : {}),
      ...(parsed.success ? {} : issuesByPath(parsed.error.issues as Issue[], this.t)),
    };
    if (!Object.keys(body.message).length) problems[`message.${CATALOG_LOCALES[0]}`] = this.t('needed');
    if (Object.keys(problems).length) return this.showProblems(problems);
    if (await this.send(() => this.api.put(`/v1/event-types/${type}`, body)))
      this.dispatchEvent(new TypeCreatedEvent(type));
  }

  private select(
    id: string,
    label: string,
    options: readonly string[],
    names: Record<string, string>,
    chosen?: string,
  ) {
    return this.field(
      id,
      label,
      html`<select id=${inputId(id)} name=${id}>
        ${options.map((o) => html`<option value=${o} ?selected=${o === chosen}>${names[o] ?? o}</option>`)}
      </select>`,
    );
  }

  override render() {
    const t = this.t;
    const terms = this.terms;
    const targetNames: Record<TargetChoice, string> = {
      everyone: t('targetEveryone'),
      recipients: t('targetRecipients'),
      branches: t('targetBranches'),
      owners: t('targetOwners'),
    };
    return html`<form class="card" novalidate @submit=${this.create} aria-label=${t('newType')}>
      <h3>${t('newType')}</h3>
      ${this.renderError()}
      <div class="grid">
        ${this.textField('type', t('typeName'), { name: 'type', help: t('typeNameHelp'), required: true })}
        ${this.select('category', t('category'), CATEGORIES, terms.category, 'system')}
        ${this.select('severity', t('severity'), SEVERITIES, terms.severity, 'info')}
        ${this.select('icon', t('icon'), ICONS, terms.icon, 'bell')}
        ${this.select('target', t('target'), Object.keys(TARGETS), targetNames, 'everyone')}
      </div>
      ${CATALOG_LOCALES.map(
        (l) => html`<fieldset>
          <legend>${l.toUpperCase()}</legend>
          ${this.textField(`title.${l}`, t('titleField'), { name: `title-${l}` })}
          ${this.textField(`message.${l}`, t('message'), { name: `message-${l}`, textarea: true })}
        </fieldset>`,
      )}
      ${this.renderButtons(t('create'))}
    </form>`;
  }
}

customElements.define('admin-new-type', AdminNewType);
declare global {
  interface HTMLElementTagNameMap {
    'admin-new-type': AdminNewType;
  }
  interface HTMLElementEventMap {
    'type-created': TypeCreatedEvent;
  }
}
