import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      security_opt?: string[];
      cap_add?: string[];
      cap_drop?: string[];
      devices?: string[];
      privileged?: boolean;
      ports?: string[];
    }
  >;
};
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it.each(['perfbot', 'worker'])('gives %s what the sandbox needs, and no privilege', (name) => {
    const service = compose.services[name]!;
    expect(service.security_opt).toEqual(
      expect.arrayContaining([
        'seccomp=unconfined',
        'apparmor=unconfined',
        'systempaths=unconfined',
        'no-new-privileges:true',
      ]),
    );
    expect(service.devices).toContain('/dev/net/tun:/dev/net/tun');
    expect(service.cap_drop).toEqual(['ALL']);
    expect(service.cap_add).toBeUndefined();
    expect(service.privileged).toBeUndefined();
  });

  it('does not publish the Redis port', () => {
    expect(compose.services.redis!.ports).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  it('installs the sandbox tools and runs as the unprivileged perfbot user', () => {
    for (const pkg of ['bubblewrap', 'slirp4netns', 'iproute2', 'util-linux'])
      expect(dockerfile).toMatch(new RegExp(`\\s${pkg}\\s`));
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
    expect(users.at(-1)).toBe('perfbot');
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const copied = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)\s+\S+$/gm)].flatMap((match) => match[1]!.split(/\s+/));

  it('keeps secrets and the local install out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['.env', '*.pem', '.git', 'node_modules']));
  });

  it('ignores nothing the Dockerfile copies from the context', () => {
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'bin', 'src', 'app.yml']));
    for (const file of copied) expect(ignored).not.toContain(file);
  });
});
