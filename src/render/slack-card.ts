/**
 * A card's message on Slack: the words that go with the uploaded image (its initial comment), labelled as the
 * quote's blocks label them, and the alt text Slack gives screen readers.
 */
import type { CardView } from '../core/views.js';
import { renderSlack } from './slack.js';
import { escapeMrkdwn, type SlackBlock, truncateMarkup } from './slack-blocks.js';

/** Slack: a file's alt text holds at most 1,000 characters. */
export const SLACK_ALT_TEXT_MAX = 1000;
/** Kept well within a message's text: Slack shows long texts folded. */
export const SLACK_CARD_COMMENT_MAX = 3000;

function blockMarkup(block: SlackBlock): string {
  switch (block.type) {
    case 'header':
      return `*${escapeMrkdwn(block.text.text)}*`;
    case 'section':
      return block.text.text;
    case 'context':
      return block.elements.map((e) => e.text).join(' · ');
    default:
      return '';
  }
}

/** The comment posted with a card's image: the quote's or takeaway's words and byline, in mrkdwn. */
export function slackCardComment(view: CardView): string {
  const { blocks } = renderSlack(view.of, { ephemeral: false });
  const text = blocks.map(blockMarkup).filter(Boolean).join('\n');
  return truncateMarkup(text, SLACK_CARD_COMMENT_MAX);
}
