/** Registers every Slack listener on a bolt App. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { talkButton } from './button.js';
import { registerScheduleForm } from './daily-modal.js';
import type { SlackDeps } from './deps.js';
import { registerFindShortcut } from './find-shortcut.js';
import { registerHome } from './home.js';
import { talkCommand } from './talk-command.js';

export function registerSlack(app: App, deps: SlackDeps): void {
  app.command('/talk', talkCommand(deps));
  app.action<BlockButtonAction>(/^talk:/, talkButton(deps));
  registerFindShortcut(app, deps);
  registerHome(app, deps);
  registerScheduleForm(app, deps);
}
