import { absoluteUrl, baseName, fileExtension, formatFileSize, imageTooLarge } from './files';

describe('files', () => {
  it('formats sizes', () => {
    expect(formatFileSize(320)).toBe('320 B');
    expect(formatFileSize(856 * 1024)).toBe('856 KB');
    expect(formatFileSize(1.24 * 1024 * 1024)).toBe('1.2 MB');
    expect(formatFileSize(15 * 1024 * 1024)).toBe('15 MB');
    expect(formatFileSize(-1)).toBe('');
  });
  it('puts API paths on the API origin and leaves other URLs alone', () => {
    expect(absoluteUrl('https://api.example.cn/', '/api/uploads/1/file')).toBe('https://api.example.cn/api/uploads/1/file');
    expect(absoluteUrl('', '/api/uploads/1/file')).toBe('/api/uploads/1/file');
    expect(absoluteUrl('https://a', 'blob:https://a/123')).toBe('blob:https://a/123');
    expect(absoluteUrl('https://a', 'wxfile://tmp_1.jpg')).toBe('wxfile://tmp_1.jpg');
    expect(absoluteUrl('https://a', 'https://b/x')).toBe('https://b/x');
  });
  it('names and extensions', () => {
    expect(fileExtension('名单.XLSX')).toBe('xlsx');
    expect(fileExtension('no-ext')).toBe('');
    expect(baseName('http://tmp/abc/photo.jpg?x=1')).toBe('photo.jpg');
  });
  it('refuses photos over 10 MB before uploading', () => {
    expect(imageTooLarge(11 * 1024 * 1024)).toMatch(/不能超过 10 MB/);
    expect(imageTooLarge(1024)).toBeNull();
    expect(imageTooLarge(undefined)).toBeNull();
  });
});
