/** `/talk lang language:zh|en|both|reset` on Discord: remembered for the user, answered only to them. */
import { isLang, type LangRequest } from '../../src/core/actions.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { type CommandPath, StaleCommandError, stringOption } from './options.js';

export function langRequest(path: CommandPath, lang: Lang): LangRequest {
  const value = stringOption(path.options, 'language');
  if (value === undefined) return { sub: 'lang', lang };
  if (value === 'reset') return { sub: 'lang', lang, set: 'reset' };
  if (!isLang(value)) throw new StaleCommandError(`lang option value "${value}"`);
  return { sub: 'lang', lang: value, set: value };
}
