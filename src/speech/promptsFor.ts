import { EN_US } from './enUS';
import type { Prompts } from './Prompts';

const PROMPTS_BY_LOCALE: Readonly<Record<string, Prompts>> = Object.freeze({ 'en-US': EN_US });

/** Returns the prompts of a locale, falling back to US English for a locale without its own. */
export function promptsFor(locale: string | undefined): Prompts {
  if (locale !== undefined && Object.prototype.hasOwnProperty.call(PROMPTS_BY_LOCALE, locale)) {
    return PROMPTS_BY_LOCALE[locale] ?? EN_US;
  }
  return EN_US;
}
