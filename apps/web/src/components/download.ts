import type { DownloadedFile } from '../api/client';

/** Save a downloaded file in the browser under the server's file name (or `fallbackName`). */
export function saveFile(file: DownloadedFile, fallbackName: string): string {
  const name = file.filename || fallbackName;
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the object URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** "20250102" in Asia/Shanghai — used in fallback file names. */
export function dateStamp(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
