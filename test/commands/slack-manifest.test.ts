import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAME, FIND_COMMAND } from '../../src/core/vocabulary.js';

const load = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../commands/slack', name), 'utf8'));

describe('Slack app manifests', () => {
  it.each([
    ['manifest.socket.json', true],
    ['manifest.http.json', false],
  ])('%s declares /talk, interactivity and the scopes', (file, socket) => {
    const m = load(file);
    expect(m.features.slash_commands[0].command).toBe(`/${COMMAND_NAME}`);
    expect(m.settings.socket_mode_enabled).toBe(socket);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        // Share cards: the image is uploaded to the channel.
        'files:write',
        'users:read',
        'channels:read',
        'channels:history',
        'groups:history',
        // Personal takeaways: open and read the app's direct messages; mentions: check user groups.
        'im:write',
        'im:history',
        'usergroups:read',
      ]),
    );
    // The Home tab, and the event that asks for it; the Messages tab carries personal takeaways.
    expect(m.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(m.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    // Find in the talk, on a message's menu, under the callback id the app listens for.
    expect(m.features.shortcuts).toEqual([
      {
        name: FIND_COMMAND.name,
        type: 'message',
        callback_id: FIND_COMMAND.callbackId,
        description: expect.stringMatching(/^.{1,80}$/),
      },
    ]);
    // Channels picked in `/talk daily set #channel` must arrive as ids, which Slack does only when escaping.
    expect(m.features.slash_commands[0].should_escape).toBe(true);
    if (!socket) {
      expect(m.features.slash_commands[0].url).toMatch(/\/slack\/events$/);
      expect(m.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
      // The time-zone select in the Home tab's form loads its options from the same endpoint.
      expect(m.settings.interactivity.message_menu_options_url).toMatch(/\/slack\/events$/);
      expect(m.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    }
  });
});
