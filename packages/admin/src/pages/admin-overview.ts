import type { ChannelKind, DeliveryStats } from '@aviso/protocol';
import { tokenVar } from '@aviso/ui/tokens';
import { css, html, nothing } from 'lit';
import { query } from '../api.ts';
import { rateBars, type Segment, stackedBars } from '../charts.ts';
import { AdminPage } from '../page.ts';

const DAY_CHOICES = [7, 14, 30, 90] as const;

/** The per-day counts of `GET /v1/deliveries/stats`, each a segment of the day's bar. */
type DayCount = Exclude<keyof DeliveryStats['byDay'][number], 'day' | 'total'>;

/** Overview: deliveries per day and status, and the success rate of each channel. */
export class AdminOverview extends AdminPage {
  static override styles = [
    ...AdminPage.styles,
    css`
      .chart {
        width: 100%;
        height: auto;
        font-size: 11px;
      }
      .chart .axis {
        fill: var(--_muted);
      }
      .chart text {
        fill: var(--_fg);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        font-size: 12px;
      }
      .legend i {
        display: inline-block;
        width: 10px;
        height: 10px;
        border-radius: 2px;
        margin-right: 4px;
      }
      .totals {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
        margin-bottom: 12px;
      }
      .totals b {
        font-size: 22px;
        display: block;
      }
    `,
  ];
  static override properties = { ...AdminPage.properties, stats: { state: true }, days: { state: true } };

  stats: DeliveryStats | null = null;
  days = 7;

  protected async load() {
    this.stats = await this.api.get<DeliveryStats>(`/v1/deliveries/stats${query({ days: this.days })}`);
  }

  private segments(): (Segment & { key: DayCount })[] {
    const label = this.terms.status;
    return [
      { key: 'sent', label: label.sent, colour: tokenVar('success') },
      { key: 'failed', label: label.failed, colour: tokenVar('critical') },
      { key: 'bounced', label: label.bounced, colour: tokenVar('warning') },
      { key: 'pending', label: label.pending, colour: tokenVar('info') },
      { key: 'cancelled', label: label.cancelled, colour: '#8c959f' },
      { key: 'skipped', label: label.skipped, colour: '#c4cbd2' },
    ];
  }

  override render() {
    const t = this.t;
    const s = this.stats;
    const segments = this.segments();
    const f = this.formats;
    const num = (n: number) => f.number(n);
    return html`<h2>${t('overview')}</h2>
      <div class="row" style="margin-bottom:12px">
        <label
          >${t('days')}
          <select name="days"
            @change=${(e: Event) => {
              this.days = Number((e.target as HTMLSelectElement).value);
              void this.refresh();
            }}
          >
            ${DAY_CHOICES.map((d) => html`<option value=${d} ?selected=${d === this.days}>${t('lastDays', { n: d })}</option>`)}
          </select>
        </label>
      </div>
      ${this.renderError()} ${this.loading && !s ? html`<p>${t('loading')}</p>` : nothing}
      ${
        s
          ? html`<div class="card">
              <div class="totals">
                <span><b>${num(s.total)}</b>${t('total')}</span>
                ${segments.map(
                  (g) =>
                    html`<span class=${g.key}
                      ><b>${num(g.key === 'pending' ? s.byStatus.pending + s.byStatus.sending : s.byStatus[g.key])}</b
                      >${g.label}</span
                    >`,
                )}
              </div>
              <h3>${t('perDay')}</h3>
              ${stackedBars(
                s.byDay.map((d) => ({
                  label: f.day(d.day),
                  values: d as unknown as Record<string, number>,
                })),
                segments,
                t('perDay'),
                num,
              )}
              <div class="legend">
                ${segments.map((g) => html`<span><i style="background:${g.colour}"></i>${g.label}</span>`)}
              </div>
            </div>
            <div class="card">
              <h3>${t('successRate')}</h3>
              ${
                s.byChannel.length
                  ? rateBars(
                      s.byChannel.map((c) => ({
                        label: c.channel
                          ? (this.terms.kind[c.channel as ChannelKind] ?? c.channel)
                          : t('noChannel'),
                        rate: c.successRate,
                        detail: t('rateDetail', {
                          sent: num(c.sent),
                          failed: num(c.failed),
                          bounced: num(c.bounced),
                          total: num(c.total),
                        }),
                      })),
                      t('successRate'),
                      (r) => f.percent(r),
                    )
                  : html`<p class="muted">${t('noData')}</p>`
              }
            </div>`
          : nothing
      }`;
  }
}

customElements.define('admin-overview', AdminOverview);
declare global {
  interface HTMLElementTagNameMap {
    'admin-overview': AdminOverview;
  }
}
