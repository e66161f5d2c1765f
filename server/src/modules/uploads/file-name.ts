/** Longest display name kept, in characters (code points), extension included. */
export const MAX_NAME_CHARS = 100;

// C0/C1 control characters, and the Unicode format characters that reorder or hide text
// (bidi overrides make `gpj.exe` look like `exe.jpg`; zero-width ones hide characters).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
/** Characters Windows and most file systems refuse in a name. */
const RESERVED = /[<>:"|?*]/g;

/**
 * A file name as the user gave it, made safe to show and to offer as a download name: only the
 * last path part (`../../etc/passwd.jpg` → `passwd.jpg`, `C:\\x\\a.pdf` → `a.pdf`), no control or
 * bidi characters, no reserved characters, no leading dots, at most `MAX_NAME_CHARS` characters, and
 * an extension that matches what the bytes are (`extensions[0]` is appended or substituted when the
 * name's own is not among `extensions`). Chinese names are kept as they are.
 */
export function cleanFileName(raw: string | null | undefined, extensions: readonly string[], fallback = '文件'): string {
  const preferred = extensions[0];
  let name = String(raw ?? '').normalize('NFC');
  name = name.replace(INVISIBLE, '');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');

  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  let ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!extensions.includes(ext)) {
    // A name like `photo.jpg` holding a PNG becomes `photo.png`; an unknown extension stays in the stem.
    if (ext && !KNOWN_EXTENSIONS.has(ext)) stem = name;
    ext = preferred;
  }
  stem = stem.replace(/[.\s]+$/, '');
  if (!stem) stem = fallback;
  const room = MAX_NAME_CHARS - ext.length - 1;
  const chars = [...stem];
  if (chars.length > room) stem = chars.slice(0, room).join('').replace(/[.\s]+$/, '');
  return `${stem}.${ext}`;
}

/** Extensions that say "this is a file of type X" and are replaced rather than kept in the stem. */
const KNOWN_EXTENSIONS = new Set([
  'jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'gif', 'bmp', 'heic', 'heif', 'tif', 'tiff', 'svg',
  'pdf', 'xlsx', 'xls', 'xlsm', 'csv', 'doc', 'docx', 'ppt', 'pptx', 'txt', 'html', 'htm', 'js',
  'exe', 'bat', 'cmd', 'sh', 'php', 'zip', 'rar', '7z',
]);

/**
 * A Content-Disposition value (RFC 6266): `inline` or `attachment`, an ASCII fallback `filename`
 * and the UTF-8 name as `filename*` (RFC 5987), so Chinese names survive every browser.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
