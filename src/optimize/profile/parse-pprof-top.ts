import { forMarkdownInline } from '../../domain/untrusted-text.ts';
import { ProfileFormatError } from '../../domain/errors.ts';
import type { ProfiledFunction, ProfileSummary } from './profile-summary.ts';
import { relativeLocation } from './relative-location.ts';

/** pprof's duration units, in milliseconds. */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, mins: 60_000, hrs: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|mins|hrs)?$/;
/** `flat flat% sum% cum cum% name [file[:line]] [(inline)]`. */
const ROW = /^\s*(\S+)\s+[\d.]+%\s+[\d.]+%\s+(\S+)\s+[\d.]+%\s+(.+?)\s*$/;
const TOTAL = /Total samples = (\S+)/;
const MAX_ROWS = 500;

/** One row of a `-top` listing. */
interface PprofRow {
  flatMs: number;
  cumMs: number;
  name: string;
  /** The path as pprof printed it, with `:line` in a `-lines` listing. */
  place: string;
}

/**
 * Reads `go tool pprof -top -filefunctions` output (one listing sorted by flat, one by `-cum`) into a summary:
 * flat time is self time, cum is total. Go's listings name a function's file but not its first line, so a
 * `-top -lines` listing, when given, supplies the line: the one where the function spends the most time. pprof
 * runs in the sandbox over a file the benchmark wrote, so its output is checked line by line: a listing without
 * its header or with a row that does not parse is a `ProfileFormatError`.
 */
export function parsePprofTop(
  listings: readonly string[],
  options: { lines?: string; root?: string } = {},
): ProfileSummary {
  let totalMs: number | undefined;
  const hotLines =
    options.lines === undefined ? new Map<string, PprofRow>() : hottestLines(readListing(options.lines).rows);
  const functions = new Map<string, ProfiledFunction>();
  for (const output of listings) {
    const listing = readListing(output);
    totalMs = listing.totalMs;
    for (const row of listing.rows) {
      const hot = hotLines.get(row.name);
      const line = hot === undefined ? undefined : splitLine(hot.place);
      const location =
        line !== undefined && line.file === row.place
          ? relativeLocation(line.file, line.line, options.root)
          : relativeLocation(row.place, undefined, options.root);
      const entry = { name: forMarkdownInline(row.name), location, selfMs: row.flatMs, totalMs: row.cumMs };
      functions.set(`${entry.name}\n${entry.location}`, entry);
    }
  }
  if (totalMs === undefined) throw new ProfileFormatError('go tool pprof printed nothing');
  return { tool: 'go test -cpuprofile', totalMs, functions: [...functions.values()] };
}

function readListing(output: string): { totalMs: number; rows: PprofRow[] } {
  const lines = output.split('\n');
  const header = lines.findIndex((line) => /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%/.test(line));
  const total = TOTAL.exec(output)?.[1];
  if (header < 0 || total === undefined) throw new ProfileFormatError('go tool pprof printed no -top listing');
  const rows = lines
    .slice(header + 1, header + 1 + MAX_ROWS)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = ROW.exec(line);
      if (row === null) throw new ProfileFormatError('go tool pprof printed a -top row that does not parse');
      const [, flat = '', cum = '', rest = ''] = row;
      const text = rest.replace(/\s+\(inline\)$/, '');
      // `pkg.Func /abs/file.go`: names have no spaces, and pprof prints paths bare.
      const space = text.lastIndexOf(' ');
      return {
        flatMs: durationMs(flat),
        cumMs: durationMs(cum),
        name: space < 0 ? text : text.slice(0, space),
        place: space < 0 ? '' : text.slice(space + 1),
      };
    });
  return { totalMs: durationMs(total.replace(/,$/, '')), rows };
}

/** Per function, its row of a `-lines` listing with the most time (cum, then flat). */
function hottestLines(rows: readonly PprofRow[]): Map<string, PprofRow> {
  const hottest = new Map<string, PprofRow>();
  for (const row of rows) {
    const known = hottest.get(row.name);
    if (known === undefined || row.cumMs > known.cumMs || (row.cumMs === known.cumMs && row.flatMs > known.flatMs))
      hottest.set(row.name, row);
  }
  return hottest;
}

function splitLine(place: string): { file: string; line: number } | undefined {
  const match = /^(.*):(\d+)$/.exec(place);
  return match === null ? undefined : { file: match[1] ?? '', line: Number(match[2]) };
}

function durationMs(text: string): number {
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  const unit = UNIT_MS[match?.[2] ?? ''];
  if (match === null || unit === undefined)
    throw new ProfileFormatError(
      `go tool pprof printed a duration that does not parse (${forMarkdownInline(text, 20)})`,
    );
  return Number(match[1]) * unit;
}
