/**
 * A share card on Slack: the PNG uploaded to the channel with the Web API's external upload (as the SDK's
 * filesUploadV2 does it: `files.getUploadURLExternal`, the bytes POSTed to the URL it gives, then
 * `files.completeUploadExternal` sharing the file in the channel with the card's words as its comment). The
 * whole upload is bounded; when it cannot be done (no files:write scope, the bot not in the channel, Slack
 * silent) the caller posts the words alone and this says why, in a sentence for the asker.
 */
import type { webApi } from '@slack/bolt';
import type { Bilingual } from '../../src/content/schema.js';
import { newErrorId } from '../../src/core/errors.js';
import type { CardView } from '../../src/core/views.js';
import type { Logger } from '../../src/log.js';
import { TimeoutError, withDeadline } from '../../src/ops/deadline.js';
import { CARD_FILE_NAME, drawCardImage } from '../../src/render/card-image.js';
import { truncate, ui } from '../../src/render/common.js';
import { SLACK_ALT_TEXT_MAX, slackCardComment } from '../../src/render/slack-card.js';
import { WebClient, WebLogLevel } from './bolt.js';

/** Slack errors that mean the bot cannot share a file in that conversation. */
const NOT_THERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** Why a card could not be posted, for the asker; the log gets the details and an error id. */
export interface CardProblem {
  message: Bilingual;
  errorId?: string;
}

/** Uploads the card to `channel`; resolves with undefined once it is shared there, or with what went wrong. */
export async function uploadCard(
  client: webApi.WebClient,
  channel: string,
  view: CardView,
  options: { timeoutMs: number; log: Logger },
): Promise<CardProblem | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  try {
    const { png, alt } = await drawCardImage(view);
    await withDeadline(
      (async () => {
        const slot = await client.files.getUploadURLExternal({
          filename: CARD_FILE_NAME,
          length: png.length,
          // Slack's own name for the image's description is alt_txt (the SDK's types call it alt_text).
          alt_txt: truncate(alt, SLACK_ALT_TEXT_MAX),
        } as never);
        const { upload_url: url, file_id: id } = slot as { upload_url?: string; file_id?: string };
        if (!url || !id) throw new Error('files.getUploadURLExternal gave no upload URL');
        const sent = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Uint8Array(png),
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        });
        if (!sent.ok) throw new Error(`the upload URL answered ${sent.status}`);
        // Past the deadline the asker already has the words and a note: sharing the image then would surprise,
        // so the share is never sent late and never retried (a retry could share it again, minutes later).
        const left = deadline - Date.now();
        if (left <= 0) throw new TimeoutError(options.timeoutMs);
        const once = new WebClient(client.token, {
          slackApiUrl: client.slackApiUrl,
          timeout: left,
          retryConfig: { retries: 0 },
          logLevel: WebLogLevel.ERROR,
        });
        await once.files
          .completeUploadExternal({
            files: [{ id, title: cardTitle(view) }],
            channel_id: channel,
            initial_comment: slackCardComment(view),
          })
          .catch((error: unknown) => {
            throw Date.now() >= deadline ? new TimeoutError(options.timeoutMs) : error;
          });
      })(),
      options.timeoutMs,
    );
    return undefined;
  } catch (error) {
    return problemOf(error, options);
  }
}

function cardTitle(view: CardView): string {
  const of = view.of;
  return of.kind === 'quote'
    ? `${ui(view.lang, { en: 'Quote card', zh: '引用卡片' })} · #${of.passage.id}`
    : `${ui(view.lang, { en: 'Takeaway card', zh: '要点卡片' })} · ${of.date}`;
}

function problemOf(error: unknown, options: { timeoutMs: number; log: Logger }): CardProblem {
  const code = (error as { data?: { error?: string } }).data?.error;
  if (code === 'missing_scope') {
    options.log.warn('slack: a card could not be posted: the app lacks files:write');
    return {
      message: {
        en: "I can't post images in this workspace yet: the app needs the *files:write* scope. A workspace admin can add it (the app's OAuth & Permissions page, or its manifest) and reinstall the app. Here are the words instead.",
        zh: '我暂时无法在这个工作区发布图片:应用需要 *files:write* 权限。工作区管理员可以在应用的 OAuth & Permissions 页面(或清单)中添加并重新安装应用。以下是文字。',
      },
    };
  }
  if (code && NOT_THERE.has(code)) {
    options.log.info('slack: a card could not be posted in the channel', { error: code });
    return {
      message: {
        en: "I can't post the image here: I'm not in this conversation. Invite me with `/invite @talk`, then try again. Here are the words instead.",
        zh: '我无法在这里发布图片:我不在这个会话中。请用 `/invite @talk` 邀请我后再试。以下是文字。',
      },
    };
  }
  const errorId = newErrorId();
  options.log.error('slack: a card could not be posted', { errorId, error });
  const seconds = Math.round(options.timeoutMs / 1000);
  return error instanceof TimeoutError || (error as Error).name === 'TimeoutError'
    ? {
        message: {
          en: `Slack did not take the image within ${seconds} s, so here are the words instead. Please try again later.`,
          zh: `Slack 在 ${seconds} 秒内没有接收图片,以下是文字。请稍后再试。`,
        },
        errorId,
      }
    : {
        message: {
          en: "I couldn't post the image just now, so here are the words instead. Please try again later.",
          zh: '暂时无法发布图片,以下是文字。请稍后再试。',
        },
        errorId,
      };
}
