/**
 * Why Discord could not be reached at start, in one sentence naming the variable to check. Its own module,
 * free of discord.js, so the HTTP mode can use it without loading the gateway client.
 */
import { EXIT, explain, isSilence, StartupError, TimeoutError, targetOf } from '../../src/ops/deadline.js';

export function explainDiscord(
  error: unknown,
  stage: 'rest' | 'gateway',
  api: string,
  timeoutMs: number,
): StartupError {
  if (error instanceof StartupError) return error;
  const code = (error as { code?: unknown }).code;
  const status = (error as { status?: unknown }).status;
  if (code === 'TokenInvalid' || status === 401 || code === 4004)
    return new StartupError(
      'DISCORD_TOKEN: Discord refused the token — reset it in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN.',
      EXIT.config,
    );
  if (code === 'DisallowedIntents' || code === 4014)
    return new StartupError(
      'DISCORD_TOKEN: Discord refused the intents this bot asks for — it needs only Guilds; check the application.',
      EXIT.config,
    );
  if (stage === 'gateway')
    return new StartupError(
      `DISCORD_API_URL: ${targetOf(api)} answered, but Discord's gateway sent no READY within ${Math.round(timeoutMs / 1000)} s — can this machine open a WebSocket to the gateway it names?`,
    );
  const dep = { variable: 'DISCORD_API_URL', target: targetOf(api), what: 'Discord (or your REST proxy)' };
  // The REST client gives up on a silent server by aborting: that is the start-up deadline's news too.
  return new StartupError(explain(isSilence(error) ? new TimeoutError(timeoutMs) : error, dep));
}
