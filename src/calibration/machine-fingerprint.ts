import { createHash } from 'node:crypto';

/** What makes two workers measure alike: read at the edge (`readMachineFacts`), fingerprinted here. */
export interface MachineFacts {
  cpuModel: string;
  cores: number;
  kernel: string;
  /** The runtimes whose speed the benchmarks depend on, e.g. `{ node: 'v20.20.2' }`. */
  runtimes: Readonly<Record<string, string>>;
}

export interface MachineFingerprint {
  /** 16 hex digits of the SHA-256 of the facts: the store key. */
  id: string;
  /** The facts in words, for reports: `Intel Xeon ×2, kernel 6.1.0, node v20.20.2`. */
  description: string;
}

/**
 * A calibration measured on one machine says nothing about another: a different CPU, core count, kernel or
 * runtime changes the noise. Any difference in any fact is a different fingerprint (runtimes sorted by name).
 */
export function machineFingerprint(facts: MachineFacts): MachineFingerprint {
  const cpu = facts.cpuModel.trim().replace(/\s+/g, ' ');
  const runtimes = Object.entries(facts.runtimes).sort(([a], [b]) => a.localeCompare(b));
  const canonical = JSON.stringify([cpu, facts.cores, facts.kernel.trim(), runtimes]);
  const id = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
  const description = `${cpu} ×${facts.cores}, kernel ${facts.kernel.trim()}${runtimes.map(([name, version]) => `, ${name} ${version}`).join('')}`;
  return { id, description };
}
