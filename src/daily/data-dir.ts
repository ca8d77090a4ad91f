/**
 * DATA_DIR at start-up: created and proven writable within a bound, or one sentence saying what to do.
 */
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { EXIT, StartupError, TimeoutError, withDeadline } from '../ops/deadline.js';

/** Creates the folder if needed and writes and removes a file in it, within `timeoutMs`. */
export async function prepareDataDir(dataDir: string, timeoutMs: number): Promise<void> {
  const probe = join(dataDir, `.write-test-${process.pid}`);
  try {
    await withDeadline(
      (async () => {
        await makeFolders(dataDir);
        await writeFile(probe, 'ok');
        await unlink(probe);
      })(),
      timeoutMs,
    );
  } catch (error) {
    throw dataDirProblem(dataDir, error, timeoutMs);
  }
}

/**
 * Creates the folder and each missing parent one at a time: Node's recursive mkdir never returns for some
 * paths (under /proc, for one), and a step-by-step walk fails with a real error instead.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      if ((await stat(d)).isDirectory()) break;
      throw Object.assign(new Error(`${d} is not a folder`), { code: 'ENOTDIR', path: d });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  for (const d of missing.reverse()) {
    await mkdir(d).catch((error: { code?: string }) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** DATA_DIR problems in one sentence each, naming the variable and what to do. */
function dataDirProblem(dir: string, error: unknown, timeoutMs: number): StartupError {
  const e = error as { code?: string; path?: string };
  const where = e.path ?? dir;
  const uid = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
  const sentences: Record<string, string> = {
    EACCES: `DATA_DIR: cannot write to ${where} (permission denied) — make it writable by this user${uid} or set DATA_DIR to a folder that is.`,
    EPERM: `DATA_DIR: cannot write to ${where} (not permitted) — make it writable by this user${uid} or set DATA_DIR to a folder that is.`,
    ENOTDIR: `DATA_DIR: ${where} is not a folder — set DATA_DIR to a folder.`,
    EROFS: `DATA_DIR: ${where} is on a read-only file system — set DATA_DIR to a writable folder (a volume).`,
    ENOSPC: `DATA_DIR: no space left on the device of ${where} — free some space or move DATA_DIR.`,
    ENOENT: `DATA_DIR: cannot create ${where} (no such file or directory) — set DATA_DIR to a folder that can exist.`,
  };
  if (error instanceof TimeoutError)
    return new StartupError(
      `DATA_DIR: ${dir} did not answer within ${Math.round(timeoutMs / 1000)} s — is its file system (a network mount?) working?`,
      EXIT.unavailable,
    );
  return new StartupError(
    sentences[e.code ?? ''] ??
      `DATA_DIR: cannot use ${where}: ${error instanceof Error ? error.message : String(error)}`,
    EXIT.cantCreate,
    { cause: error },
  );
}
