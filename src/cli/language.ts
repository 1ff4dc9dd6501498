// The language kesu speaks: --lang, else the locale variables; anything Chinese is zh, the rest en.
// A module of its own so that `kesu --version` can say a failure in the user's language without
// loading the rest of the CLI.
import type { Lang } from '../workflow/vocab.js';

export function languageFrom(option: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const chosen = option ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(chosen) ? 'zh' : 'en';
}
