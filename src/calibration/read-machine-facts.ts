import os from 'node:os';
import type { MachineFacts } from './machine-fingerprint.ts';

/** This worker's facts, from `os` (which reads /proc/cpuinfo and uname) and the running Node. */
export function readMachineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown CPU',
    cores: cpus.length,
    kernel: os.release(),
    runtimes: { node: process.version },
  };
}
