/**
 * The configuration variables that shape what the skill answers (the shop, the merchant, sandbox or
 * live, the simulation string, the budget of a turn). A transcript records the ones that were set;
 * a replay sets exactly those and clears the others, so that the shell it runs in cannot change
 * the answers. Where the orders are kept (ORDERS_TABLE, ORDERS_DB_DIR) and LOG_LEVEL are not
 * among them: the simulator and the replay always use an embedded store of their own.
 */
export const SHOP_CONFIG_VARIABLES = [
  'SELLER_ID',
  'STORE_NAME',
  'MERCHANT_COUNTRY',
  'LEDGER_CURRENCY',
  'SANDBOX',
  'SANDBOX_CUSTOMER_EMAIL',
  'SANDBOX_SIMULATION',
  'SKILL_ID',
  'MERCHANT_CONTACT_PHONE',
  'MERCHANT_CONTACT_EMAIL',
  'MAX_CHARGE_JPY',
  'TURN_BUDGET_MS',
] as const;

/** Picks the shop's configuration variables that are set (and not blank) in an environment. */
export function shopEnvOf(
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string>> {
  const picked: Record<string, string> = {};
  for (const name of SHOP_CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value;
  }
  return picked;
}
