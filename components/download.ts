/** Saves a file the user asked for (an export, a pack) through the browser's own download. */
export function download(parts: BlobPart[], type: string, name: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the download has read the blob by then
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
