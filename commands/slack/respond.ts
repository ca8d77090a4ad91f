/**
 * The Slack error boundary and visibility rule: every answer goes through here. Public answers are subject
 * to the user's cooldown; anything that throws answers the user privately with an error id.
 */
import type { RespondFn } from '@slack/bolt';
import { cooldownError, internalError, newErrorId } from '../../src/core/errors.js';
import type { View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { renderSlack } from '../../src/render/slack.js';
import type { SlackDeps } from './deps.js';

/** Slack may send `&`, `<` and `>` as entities; the core wants the text as typed (renderers escape it again). */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export async function answer(
  deps: SlackDeps,
  respond: RespondFn,
  user: string,
  lang: Lang,
  produce: () => Promise<{ view: View; wantsPublic: boolean }>,
  options: { replace?: boolean } = {},
): Promise<void> {
  const started = performance.now();
  try {
    const { view, wantsPublic } = await produce();
    let shown = view;
    let isPublic = wantsPublic && view.kind !== 'error' && view.kind !== 'not-covered';
    if (isPublic) {
      const turn = deps.cooldown.take(user);
      if (!turn.ok) {
        shown = cooldownError(view.lang, turn.retryInSeconds);
        isPublic = false;
      }
    }
    await respond({
      ...renderSlack(shown, { ephemeral: !isPublic }),
      response_type: isPublic ? 'in_channel' : 'ephemeral',
      replace_original: options.replace === true,
    });
    deps.log.debug('slack answer', { kind: shown.kind, ms: Math.round(performance.now() - started) });
  } catch (error) {
    const errorId = newErrorId();
    deps.log.error('slack request failed', { errorId, error });
    await respond({
      ...renderSlack(internalError(lang, errorId), { ephemeral: true }),
      response_type: 'ephemeral',
      replace_original: false,
    }).catch((sendError: unknown) =>
      deps.log.warn('could not report an error to the user', { errorId, error: sendError }),
    );
  }
}
