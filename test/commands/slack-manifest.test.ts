import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAME } from '../../src/core/vocabulary.js';

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
        'users:read',
        'channels:read',
        'channels:history',
        'groups:history',
      ]),
    );
    // Channels picked in `/talk daily set #channel` must arrive as ids, which Slack does only when escaping.
    expect(m.features.slash_commands[0].should_escape).toBe(true);
    if (!socket) {
      expect(m.features.slash_commands[0].url).toMatch(/\/slack\/events$/);
      expect(m.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    }
  });
});
