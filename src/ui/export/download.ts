/**
 * Saves text as a file the browser downloads: a Blob behind an object URL, clicked through a
 * temporary link, the URL revoked once the browser has taken it (so the Blob can be freed).
 */
export type DownloadDeps = {
  document: Document;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  /** When to revoke; the click starts the download, the next task is late enough. */
  later: (run: () => void) => void;
};

export function browserDownloadDeps(): DownloadDeps {
  return {
    document: globalThis.document,
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    later: (run) => setTimeout(run, 0),
  };
}

/** Byte order mark: spreadsheets then read the file as UTF-8 (Korean text stays Korean). */
const UTF8_BOM = '\uFEFF';

export function downloadCsv(
  fileName: string,
  csv: string,
  deps: DownloadDeps = browserDownloadDeps(),
): void {
  const blob = new Blob([UTF8_BOM, csv], { type: 'text/csv;charset=utf-8' });
  const url = deps.createObjectURL(blob);
  const link = deps.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  deps.document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    deps.later(() => deps.revokeObjectURL(url));
  }
}

/**
 * A file name from untrusted parts (a metric name from the backend): letters, digits, dot, dash
 * and underscore only, clipped, then the time it was taken (UTC, no colons: Windows refuses them).
 */
export function exportFileName(kind: string, at: number): string {
  const safe =
    kind
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 60) || 'data';
  const date = new Date(at);
  const stamp = Number.isNaN(date.getTime())
    ? 'undated'
    : date
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')
        .replace(/:/g, '-');
  return `pulseboard-${safe}-${stamp}.csv`;
}
