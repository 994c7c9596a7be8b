import { randomUUID } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile, open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { WorkspaceError } from '../domain/errors.ts';
import { isProcessAlive } from './is-process-alive.ts';

/** Who holds a lock file. Written as JSON so that a waiting process can tell a live holder from a dead one. */
interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface FileLockOptions {
  /** Give up (with a transient `WorkspaceError`) after waiting this long. Default 30 minutes. */
  timeoutMs?: number;
  /** Longest pause between two attempts. Default 500 ms. */
  maxPollMs?: number;
}

/** A lock-breaking lock older than this belongs to a process that died in the few ms it is held. */
const BREAKER_STALE_MS = 30_000;

/**
 * Takes a cross-process lock: a file created atomically (`link()` of a fully written temp file, which fails
 * with EEXIST like an O_EXCL create but never leaves a half-written owner behind) holding the owner's pid.
 *
 * A lock whose owner is on this host and no longer running is stale and gets broken. Breaking is itself
 * serialized through `<lock>.break`, so two waiters that both see the same dead owner cannot each delete
 * the lock the other one has just taken. A lock from another host (shared filesystem) is never broken.
 * Limits: a recycled pid keeps a stale lock alive until that process exits.
 *
 * Returns the release function; it deletes the file only while it still carries this owner's token.
 */
export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const maxPollMs = options.maxPollMs ?? 500;
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID(), since: new Date().toISOString() };
  const deadline = Date.now() + timeoutMs;
  let pause = 10;
  for (;;) {
    if (await tryCreate(lockPath, owner)) return () => release(lockPath, owner.token);
    const holder = await readOwner(lockPath);
    if (holder && isStale(holder)) {
      await breakStaleLock(lockPath, holder.token);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host} since ${holder.since}` : 'an unknown process';
      throw new WorkspaceError(`timed out after ${timeoutMs} ms waiting for ${lockPath}, held by ${who}`, false);
    }
    await sleep(pause);
    pause = Math.min(pause * 2, maxPollMs);
  }
}

async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  const temp = `${lockPath}.${owner.token}.tmp`;
  await writeFile(temp, JSON.stringify(owner));
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(lockPath, 'utf8'));
    return isLockOwner(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isStale(holder: LockOwner): boolean {
  return holder.host === hostname() && !isProcessAlive(holder.pid);
}

async function breakStaleLock(lockPath: string, staleToken: string): Promise<void> {
  const breaker = `${lockPath}.break`;
  let handle;
  try {
    handle = await open(breaker, 'wx');
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    const age = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > BREAKER_STALE_MS) await unlink(breaker).catch(() => undefined);
    await sleep(10);
    return;
  }
  try {
    // Re-read under the breaker: the lock may have been broken and re-taken since we looked.
    const current = await readOwner(lockPath);
    if (current?.token === staleToken) await unlink(lockPath).catch(() => undefined);
  } finally {
    await handle.close();
    await unlink(breaker).catch(() => undefined);
  }
}

async function release(lockPath: string, token: string): Promise<void> {
  const current = await readOwner(lockPath);
  if (current?.token === token) await unlink(lockPath).catch(() => undefined);
}

function isLockOwner(value: unknown): value is LockOwner {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.pid === 'number' &&
    typeof v.host === 'string' &&
    typeof v.token === 'string' &&
    typeof v.since === 'string'
  );
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
