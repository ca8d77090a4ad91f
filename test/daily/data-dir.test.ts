/**
 * DATA_DIR at start-up, against real folders: what gets created, and the one sentence an operator reads when
 * the folder cannot be used. The refusals are ones the system gives even to root (tests may run as root).
 */
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../src/daily/data-dir.js';
import { EXIT, StartupError } from '../../src/ops/deadline.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'talk-data-dir-'));
/** The file the check writes and removes; the test runs in the process that checks. */
const probeIn = (dir: string) => join(dir, `.write-test-${process.pid}`);
const isRoot = process.getuid?.() === 0;

/** The StartupError prepareDataDir fails with (the test fails if it succeeds). */
async function refusal(dir: string, timeoutMs = 5_000): Promise<StartupError> {
  const error = await prepareDataDir(dir, timeoutMs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

describe('prepareDataDir: a usable folder', () => {
  it('creates a missing folder and its missing parents, and leaves no test file behind', async () => {
    const dir = join(fresh(), 'a', 'b', 'data');
    await prepareDataDir(dir, 5_000);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts an existing folder as it is, given relative to the working directory', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'talk.sqlite'), 'kept');
    await prepareDataDir(relative(process.cwd(), dir), 5_000);
    expect(readdirSync(dir)).toEqual(['talk.sqlite']);
  });

  it('lets several starts create the same missing parent at once', async () => {
    const base = fresh();
    const dirs = ['x', 'y', 'z', 'w'].map((name) => join(base, 'shared', 'parent', name));
    await Promise.all(dirs.map((dir) => prepareDataDir(dir, 5_000)));
    expect(readdirSync(join(base, 'shared', 'parent')).sort()).toEqual(['w', 'x', 'y', 'z']);
  });
});

describe('prepareDataDir: one sentence for what is wrong', () => {
  it('says a file in the way is not a folder', async () => {
    const file = join(fresh(), 'data');
    writeFileSync(file, '');
    const error = await refusal(file);
    expect(error.sentence).toBe(`DATA_DIR: ${file} is not a folder — set DATA_DIR to a folder.`);
    expect(error.exitCode).toBe(EXIT.cantCreate);
    expect(error.cause).toMatchObject({ code: 'ENOTDIR' });
  });

  it('says a path under a regular file is not a folder', async () => {
    const file = join(fresh(), 'notes.txt');
    writeFileSync(file, '');
    const error = await refusal(join(file, 'data', 'deeper'));
    expect(error.sentence).toBe(
      `DATA_DIR: ${join(file, 'data', 'deeper')} is not a folder — set DATA_DIR to a folder.`,
    );
    expect(error.exitCode).toBe(EXIT.cantCreate);
  });

  it('names the first folder that cannot be created, under /proc, instead of hanging', async () => {
    const error = await refusal('/proc/talk-data/daily');
    expect(error.sentence).toBe(
      'DATA_DIR: cannot create /proc/talk-data (no such file or directory) — set DATA_DIR to a folder that can exist.',
    );
    expect(error.exitCode).toBe(EXIT.cantCreate);
  });

  it('says a folder nobody may write in is not writable, with the user id to fix', async () => {
    // sysfs refuses new files to everyone, root included.
    const error = await refusal('/sys');
    const uid = process.getuid?.();
    expect(error.sentence).toBe(
      `DATA_DIR: cannot write to ${probeIn('/sys')} (permission denied) — make it writable by this user (uid ${uid}) or set DATA_DIR to a folder that is.`,
    );
    expect(error.exitCode).toBe(EXIT.cantCreate);
  });

  it.runIf(isRoot)('says a folder the system does not permit creating is not permitted', async () => {
    // For root, sysfs answers EPERM (for others, EACCES) to a new folder.
    const error = await refusal('/sys/talk-data');
    expect(error.sentence).toBe(
      'DATA_DIR: cannot write to /sys/talk-data (not permitted) — make it writable by this user (uid 0) or set DATA_DIR to a folder that is.',
    );
  });

  it('says the device is full when the write finds no space', async () => {
    const dir = fresh();
    // The test file lands on /dev/full, which answers every write with ENOSPC.
    symlinkSync('/dev/full', probeIn(dir));
    const error = await refusal(dir);
    expect(error.sentence).toBe(
      `DATA_DIR: no space left on the device of ${dir} — free some space or move DATA_DIR.`,
    );
    expect(error.exitCode).toBe(EXIT.cantCreate);
  });

  it('passes on any other failure with the system’s own words', async () => {
    const dir = fresh();
    mkdirSync(probeIn(dir));
    const error = await refusal(dir);
    expect(error.sentence).toBe(
      `DATA_DIR: cannot use ${probeIn(dir)}: EISDIR: illegal operation on a directory, open '${probeIn(dir)}'`,
    );
    expect(error.exitCode).toBe(EXIT.cantCreate);
  });

  it('gives up on a folder that does not answer within the bound, in whole seconds', async () => {
    const dir = fresh();
    // Writing to a FIFO blocks until someone reads it: a file system that does not answer.
    execFileSync('mkfifo', [probeIn(dir)]);
    const error = await refusal(dir, 600);
    expect(error.sentence).toBe(
      `DATA_DIR: ${dir} did not answer within 1 s — is its file system (a network mount?) working?`,
    );
    expect(error.exitCode).toBe(EXIT.unavailable);
    // Read the pipe so the blocked write finishes.
    expect(await text(createReadStream(probeIn(dir)))).toBe('ok');
  });
});
