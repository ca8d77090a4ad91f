/** Answers for what went wrong, shared by every front end. */
import { randomBytes } from 'node:crypto';
import type { ErrorView, View } from './views.js';
import type { Lang } from './vocabulary.js';

/** A short id shown to the user and written to the log, so a report can be matched to its log line. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

export function internalError(lang: Lang, errorId: string): ErrorView {
  return {
    kind: 'error',
    lang,
    code: 'internal',
    message: {
      en: 'Something went wrong on our side. Please try again in a moment.',
      zh: '出了点问题,请稍后再试。',
    },
    suggestions: [],
    errorId,
    actions: [],
  };
}

export function cooldownError(lang: Lang, seconds: number): ErrorView {
  return {
    kind: 'error',
    lang,
    code: 'cooldown',
    message: {
      en: `You're going fast! You can post another public answer in ${seconds} s.`,
      zh: `太快啦!${seconds} 秒后才能再发公开回答。`,
    },
    suggestions: [],
    actions: [],
  };
}

export function expiredButton(lang: Lang): ErrorView {
  return {
    kind: 'error',
    lang,
    code: 'expired-button',
    message: {
      en: 'This button has expired or is no longer known. Run `/talk` again for a fresh answer.',
      zh: '这个按钮已过期或无法识别,请重新运行 `/talk`。',
    },
    suggestions: [],
    actions: [],
  };
}

export function restarting(lang: Lang): ErrorView {
  return {
    kind: 'error',
    lang,
    code: 'internal',
    message: {
      en: 'The bot is restarting. Please try again in a moment.',
      zh: '机器人正在重启,请稍后再试。',
    },
    suggestions: [],
    actions: [],
  };
}

/** An interaction from an older registration of the command (an option of another type, an old action). */
export function staleCommand(lang: Lang): ErrorView {
  return {
    kind: 'error',
    lang,
    code: 'stale-command',
    message: {
      en: 'This command looks out of date: Discord still shows an older version of `/talk`. Try again in a minute; if it persists, ask an admin to run `npm run discord:register`.',
      zh: '这个命令版本过旧:Discord 仍显示旧版的 `/talk`。请稍后再试;如仍如此,请管理员运行 `npm run discord:register`。',
    },
    suggestions: [],
    actions: [],
  };
}

/** How an answer counts in logs and metrics: a friendly refusal is not an error. */
export function outcomeOf(view: View | undefined): 'ok' | 'refused' | 'error' {
  if (!view) return 'ok';
  if (view.kind === 'error') return view.code === 'internal' ? 'error' : 'refused';
  return view.kind === 'not-covered' ? 'refused' : 'ok';
}
