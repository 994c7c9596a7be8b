import { readdir, readFile } from 'node:fs/promises';

/**
 * Host pids of the processes whose command line contains `marker`, this test process left out. Inside a sandbox
 * the pids a process reports are its pid namespace's, so tests find sandboxed processes from outside by a marker.
 */
export async function processesWith(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(marker)) found.push(Number(name));
  }
  return found;
}
