/**
 * The Slack error boundary and visibility rule: every answer goes through here. Public answers are subject
 * to the user's cooldown; anything that throws answers the user privately with an error id. Each answer is
 * counted and logged once, and tracked so shutdown can let it finish.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import { cooldownError, internalError, newErrorId, outcomeOf, restarting } from '../../src/core/errors.js';
import type { View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { renderSlack } from '../../src/render/slack.js';
import { SLACK_BUTTON_VALUE_MAX } from '../../src/render/slack-limits.js';
import { uploadCard } from './card.js';
import type { SlackDeps } from './deps.js';

/** Slack may send `&`, `<` and `>` as entities; the core wants the text as typed (renderers escape it again). */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface Asked {
  /** `slack:<team>:<user>`, the cooldown key. */
  user: string;
  lang: Lang;
  /** The subcommand or button, for logs and metrics. */
  name: string;
  /** Replace the message the button was on (search paging). */
  replace?: boolean;
  /** Where a card's image goes: the conversation it was asked in, through the Web API. */
  card?: { client: webApi.WebClient; channel: string };
}

/** Slack: the whole upload of a card (three calls) is bounded by this unless the deps say otherwise. */
const CARD_UPLOAD_TIMEOUT_MS = 15_000;

export function answer(
  deps: SlackDeps,
  respond: RespondFn,
  asked: Asked,
  produce: () => Promise<{ view: View; wantsPublic: boolean }>,
): Promise<void> {
  return deps.inflight.track(answerNow(deps, respond, asked, produce));
}

async function answerNow(
  deps: SlackDeps,
  respond: RespondFn,
  asked: Asked,
  produce: () => Promise<{ view: View; wantsPublic: boolean }>,
): Promise<void> {
  const started = performance.now();
  try {
    let shown: View;
    let isPublic = false;
    if (!deps.inflight.open) {
      shown = restarting(asked.lang);
    } else {
      const { view, wantsPublic } = await produce();
      shown = view;
      isPublic = wantsPublic && view.kind !== 'error' && view.kind !== 'not-covered';
      if (isPublic) {
        const turn = await deps.cooldown.take(asked.user);
        if (!turn.ok) {
          shown = cooldownError(view.lang, turn.retryInSeconds);
          isPublic = false;
        }
      }
      if (isPublic && shown.kind === 'card' && asked.card) {
        const problem = await uploadCard(asked.card.client, asked.card.channel, shown, {
          timeoutMs: deps.uploadTimeoutMs ?? CARD_UPLOAD_TIMEOUT_MS,
          log: deps.log,
        });
        if (!problem) return count(deps, asked, shown, started);
        // The words for everyone all the same, then what went wrong with the image, for the asker.
        await respond({
          ...renderSlack(await deps.queryKeys.fit(shown.of, SLACK_BUTTON_VALUE_MAX), { ephemeral: false }),
          response_type: 'in_channel',
          replace_original: false,
        });
        shown = {
          kind: 'error',
          lang: shown.lang,
          code: 'card-unavailable',
          message: problem.message,
          suggestions: [],
          actions: [],
          ...(problem.errorId ? { errorId: problem.errorId } : {}),
        };
        isPublic = false;
      }
    }
    // Slack: a button's value holds at most 2,000 characters; a longer search query goes behind a key.
    const fitted = await deps.queryKeys.fit(shown, SLACK_BUTTON_VALUE_MAX);
    await respond({
      ...renderSlack(fitted, { ephemeral: !isPublic }),
      response_type: isPublic ? 'in_channel' : 'ephemeral',
      replace_original: asked.replace === true,
    });
    count(deps, asked, shown, started);
  } catch (error) {
    const errorId = newErrorId();
    deps.log.error('slack request failed', { errorId, error });
    deps.telemetry?.command({
      platform: 'slack',
      subcommand: asked.name,
      outcome: 'error',
      ms: performance.now() - started,
      errorId,
    });
    await respond({
      ...renderSlack(internalError(asked.lang, errorId), { ephemeral: true }),
      response_type: 'ephemeral',
      replace_original: false,
    }).catch((sendError: unknown) =>
      deps.log.warn('could not report an error to the user', { errorId, error: sendError }),
    );
  }
}

function count(deps: SlackDeps, asked: Asked, shown: View, started: number): void {
  deps.telemetry?.command({
    platform: 'slack',
    subcommand: asked.name,
    outcome: outcomeOf(shown),
    ms: performance.now() - started,
  });
}
