/** Slack Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_BLOCKS_MAX = 50;
export const SLACK_SECTION_TEXT_MAX = 3000;
export const SLACK_HEADER_TEXT_MAX = 150;
export const SLACK_CONTEXT_ELEMENTS_MAX = 10;
export const SLACK_BUTTON_TEXT_MAX = 75;
export const SLACK_ACTION_ID_MAX = 255;
export const SLACK_BUTTON_VALUE_MAX = 2000;
export const SLACK_ACTIONS_ELEMENTS_MAX = 25;
/** The top-level `text` is the notification and screen-reader fallback; keep it short. */
export const SLACK_FALLBACK_TEXT_MAX = 3000;
/**
 * Search results per Slack message, so a page stays under Slack's total block text (~12,000 characters) with
 * the talk's longest passages; a larger --limit pages instead.
 */
export const SLACK_SEARCH_PAGE_MAX = { both: 10, en: 15, zh: 20 } as const;
