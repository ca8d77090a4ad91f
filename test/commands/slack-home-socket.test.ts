/** The Home tab over Socket Mode: the event and the zone search arrive as envelopes and are answered in acks. */
import { describe, expect, it } from 'vitest';
import { SlackBot } from '../../commands/slack/bot.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { createLogger } from '../../src/log.js';
import { FakeSlack, TEAM_ID, viewPayload } from '../fakes/slack.js';
import { makeTalk } from '../helpers.js';

const MEMBER = 'UMEMBER01';

describe('the Home tab over Socket Mode', () => {
  it('is published on app_home_opened, and the zone select is answered in the acknowledgement', async () => {
    const socketFake = await new FakeSlack().start();
    const bot = new SlackBot({
      talk: makeTalk(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      botToken: 'xoxb-home-socket',
      appToken: 'xapp-1-home',
      apiUrl: socketFake.apiUrl,
    });
    try {
      await bot.start(5000);
      await socketFake.socketOpen;
      const published = socketFake.waitFor((r) => r.path === 'views.publish');
      await socketFake.sendEnvelope('events_api', {
        type: 'event_callback',
        team_id: TEAM_ID,
        api_app_id: 'A1',
        event: { type: 'app_home_opened', user: MEMBER, channel: 'D0HOME', tab: 'home', event_ts: '1.1' },
        event_id: 'Ev1',
        event_time: 1,
      });
      const home = JSON.parse((await published).body.view);
      expect(home.blocks[0].text.text).toBe('Takeaway of the day · 2026-11-28');
      const ack = await socketFake.sendEnvelope(
        'interactive',
        JSON.parse(
          new URLSearchParams(
            viewPayload('block_suggestion', MEMBER, {
              action_id: 'talk_zone',
              block_id: 'zone',
              value: 'shang',
              container: { type: 'view', view_id: 'VFORM' },
              view: { id: 'VFORM', type: 'modal', callback_id: 'talk_daily_modal', team_id: TEAM_ID },
            }),
          ).get('payload')!,
        ),
      );
      expect(ack.body.payload.options[0].value).toBe('Asia/Shanghai');
    } finally {
      await bot.stop();
      await socketFake.stop();
    }
  });
});
