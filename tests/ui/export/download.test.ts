import { describe, expect, it, vi } from 'vitest';
import { downloadCsv, exportFileName, type DownloadDeps } from '../../../src/ui/export/download';

describe('downloadCsv', () => {
  it('clicks a link to an object URL named for the file, then revokes the URL', async () => {
    const blobs: Blob[] = [];
    const later: (() => void)[] = [];
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download, attached: this.isConnected });
    });
    const deps: DownloadDeps = {
      document,
      createObjectURL: (blob) => {
        blobs.push(blob);
        return 'blob:http://localhost/1';
      },
      revokeObjectURL: vi.fn(),
      later: (run) => later.push(run),
    };
    downloadCsv('alerts.csv', 'a,b\r\n제목,2', deps);
    expect(clicked).toEqual([
      { href: 'blob:http://localhost/1', download: 'alerts.csv', attached: true },
    ]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    // A byte order mark first, so a spreadsheet reads the Korean text as UTF-8.
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('a,b\r\n제목,2');
    expect(deps.revokeObjectURL).not.toHaveBeenCalled();
    later.forEach((run) => run());
    expect(deps.revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/1');
    click.mockRestore();
  });
});

describe('exportFileName', () => {
  const at = Date.UTC(2026, 11, 2, 10, 42, 10, 123);

  it('names the kind and the UTC time, without colons', () => {
    expect(exportFileName('alerts', at)).toBe('pulseboard-alerts-2026-12-02T10-42-10Z.csv');
  });

  it('makes a backend-chosen name safe for a file system', () => {
    expect(exportFileName('../../etc/passwd', at)).toBe(
      'pulseboard-etc_passwd-2026-12-02T10-42-10Z.csv',
    );
    expect(exportFileName('온도', at)).toBe('pulseboard-data-2026-12-02T10-42-10Z.csv');
    expect(exportFileName('x'.repeat(500), at)).toHaveLength(
      'pulseboard--2026-12-02T10-42-10Z.csv'.length + 60,
    );
    expect(exportFileName('cpu', Number.NaN)).toBe('pulseboard-cpu-undated.csv');
  });
});
