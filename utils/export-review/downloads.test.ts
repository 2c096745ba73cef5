import { describe, expect, it, vi } from 'vitest';
import { catalogueIndex } from '../portals';
import { deleteDownloadedFile, listPortalDownloads, portalDownloads, type DownloadItemLike, type DownloadsApi } from './downloads';

const item = (id: number, fields: Partial<DownloadItemLike>): DownloadItemLike => ({ id, url: 'https://example.org/x', filename: `/home/pat/Downloads/file-${id}`, startTime: `2025-12-0${id}T10:00:00.000Z`, state: 'complete', exists: true, ...fields });

describe('portalDownloads', () => {
  it.each([
    ['a direct download from the portal', { url: 'https://portal.managemyhealth.co.nz/Documents/Download/12' }, 'Manage My Health'],
    ['a redirect that ended on the portal', { url: 'https://cdn.example.net/x', finalUrl: 'https://portal.managemyhealth.co.nz/export.zip' }, 'Manage My Health'],
    ['a blob saved by the portal page', { url: 'blob:https://portal.managemyhealth.co.nz/3f2a', referrer: '' }, 'Manage My Health'],
    ['a file linked from a portal page', { url: 'https://storage.example.com/abc', referrer: 'https://mychart.clevelandclinic.org/MyChart/Documents' }, 'Cleveland Clinic’s MyChart'],
  ])('finds %s', (_, fields, portal) => {
    expect(portalDownloads([item(1, fields)], catalogueIndex)[0]?.portal).toBe(portal);
  });

  it('leaves out other sites, look-alikes, and unfinished downloads', () => {
    expect(portalDownloads([
      item(1, { url: 'https://example.org/report.pdf' }),
      item(2, { url: 'https://managemyhealth.co.nz.evil.example/x' }),
      item(3, { url: 'https://portal.managemyhealth.co.nz/x', state: 'in_progress' }),
    ], catalogueIndex)).toEqual([]);
  });

  it('lists newest first with name, path, size and whether the file is still there', () => {
    const found = portalDownloads([
      item(1, { url: 'https://portal.managemyhealth.co.nz/a', filename: 'C:\\Users\\pat\\Downloads\\export.zip', fileSize: 2048 }),
      item(2, { url: 'https://portal.managemyhealth.co.nz/b', exists: false, totalBytes: 10 }),
    ], catalogueIndex);
    expect(found.map(({ id, name, size, exists }) => ({ id, name, size, exists }))).toEqual([
      { id: 2, name: 'file-2', size: 10, exists: false },
      { id: 1, name: 'export.zip', size: 2048, exists: true },
    ]);
  });
});

describe('the downloads API', () => {
  const fakeApi = (items: DownloadItemLike[]) => {
    const downloads = { search: vi.fn(async () => items), erase: vi.fn(async () => [1]), removeFile: vi.fn(async () => {}) };
    const api: DownloadsApi = { permissions: { request: vi.fn(async () => true), contains: vi.fn(async () => true) }, downloads };
    return { api, downloads };
  };

  it('lists through downloads.search', async () => {
    const { api } = fakeApi([item(1, { url: 'https://portal.managemyhealth.co.nz/a' })]);
    expect(await listPortalDownloads(catalogueIndex, api)).toHaveLength(1);
  });

  it('deletes the file, then forgets the download', async () => {
    const { api, downloads } = fakeApi([]);
    await deleteDownloadedFile(7, api);
    expect(downloads.removeFile).toHaveBeenCalledWith(7);
    expect(downloads.erase).toHaveBeenCalledWith({ id: 7 });
  });

  it('fails clearly without the permission', async () => {
    await expect(listPortalDownloads(catalogueIndex, { permissions: { request: async () => false, contains: async () => false } })).rejects.toThrow(/permission/);
  });
});
