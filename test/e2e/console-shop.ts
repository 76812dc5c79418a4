import { afterAll, beforeAll } from 'vitest';
import { type ConsoleRig, type ConsoleTenant, startConsoleRig } from '../support/console.ts';

/** The rig and the tenant of a describe block's console tests, there once its `beforeAll` ran. */
export interface ConsoleShop {
  rig: ConsoleRig;
  tenant: ConsoleTenant;
}

/**
 * A console rig with one tenant (a shop) for the tests of the describe block that calls it:
 * started before them (after the block's earlier `beforeAll`, so `env` may name servers they
 * started) and closed after them.
 */
export function consoleShop(
  name: string,
  extra: Record<string, string> = {},
  env: () => Record<string, string> = () => ({}),
): ConsoleShop {
  const shop = {} as ConsoleShop;
  beforeAll(async () => {
    shop.rig = await startConsoleRig(env());
    shop.tenant = await shop.rig.tenant(name, extra);
  });
  afterAll(async () => {
    await shop.rig?.close();
  });
  return shop;
}
