/**
 * The values this project uses from @slack/bolt, loaded with `require`. Bolt is CommonJS: imported from
 * ESM, Node first scans its source and every file it re-exports for export names (~35 ms of CPU at each
 * start). Types still come from `import type … from '@slack/bolt'`; App is exported as a value and a type.
 */
import { createRequire } from 'node:module';
import type * as Bolt from '@slack/bolt';

const bolt = createRequire(import.meta.url)('@slack/bolt') as typeof Bolt;

export const { HTTPModuleFunctions, HTTPResponseAck, LogLevel } = bolt;
export const App = bolt.App;
export type App = Bolt.App;
export const { WebClient } = bolt.webApi;
/** The Web API client's own log levels. */
export const WebLogLevel = bolt.webApi.LogLevel;
