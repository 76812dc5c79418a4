import { css } from 'lit';

/** The console's frame: header, side navigation (wrapped rows on tablets), sign-in card. */
export const shellStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  .shell {
    display: grid;
    grid-template-columns: 220px 1fr;
    grid-template-rows: auto 1fr;
    min-height: 100vh;
  }
  header {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 8px 16px;
    background: var(--_bg);
    border-bottom: 1px solid var(--_border);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_accent);
  }
  .brand strong {
    color: var(--_fg);
  }
  .tenant {
    flex: 1;
    min-width: 0;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  header button {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .lang {
    display: inline-flex;
    margin-left: auto;
  }
  header .lang {
    margin-left: 0;
  }
  .lang button {
    border-radius: 0;
    padding: 4px 10px;
  }
  .lang button:first-child {
    border-radius: 6px 0 0 6px;
  }
  .lang button:last-child {
    border-radius: 0 6px 6px 0;
    border-left: 0;
  }
  .lang button[aria-pressed='true'] {
    background: var(--_accent);
    color: #fff;
    border-color: var(--_accent);
  }
  nav {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 12px 8px;
    background: var(--_bg);
    border-right: 1px solid var(--_border);
  }
  nav a {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 10px;
    border-radius: 6px;
    color: inherit;
    text-decoration: none;
  }
  nav a:hover {
    background: var(--_hover);
  }
  nav a[aria-current='page'] {
    background: var(--_hover);
    color: var(--_accent);
    font-weight: 600;
  }
  main {
    padding: 20px;
    min-width: 0;
  }
  .signin {
    display: grid;
    place-items: center;
    min-height: 100vh;
    padding: 16px;
    box-sizing: border-box;
  }
  .signin form {
    width: min(420px, 100%);
    display: grid;
    gap: 12px;
    box-shadow: var(--_shadow);
  }
  .signin h1 {
    font-size: 20px;
    margin: 4px 0 0;
  }
  @media (max-width: 900px) {
    .shell {
      grid-template-columns: 1fr;
      grid-template-rows: auto auto 1fr;
    }
    /* Every section stays in view on a tablet: the links wrap onto a second row, never scroll. */
    nav {
      flex-direction: row;
      flex-wrap: wrap;
      border-right: 0;
      border-bottom: 1px solid var(--_border);
      padding: 6px 8px;
    }
    nav a {
      padding: 6px 8px;
      gap: 6px;
    }
    nav a {
      white-space: nowrap;
    }
    main {
      padding: 12px;
    }
  }
`;
