import { cleanFileName, contentDisposition, MAX_NAME_CHARS } from './file-name';

const JPG = ['jpg', 'jpeg'];

describe('cleanFileName', () => {
  it('keeps only the last path part', () => {
    expect(cleanFileName('../../etc/passwd.jpg', JPG)).toBe('passwd.jpg');
    expect(cleanFileName('..\\..\\windows\\system32\\a.jpg', JPG)).toBe('a.jpg');
    expect(cleanFileName('C:\\Users\\张三\\Desktop\\低保名单.pdf', ['pdf'])).toBe('低保名单.pdf');
    expect(cleanFileName('/tmp/', JPG)).toBe('文件.jpg');
  });

  it('keeps Chinese names and drops control, bidi and zero-width characters', () => {
    expect(cleanFileName('光明社区\u0000公示\n照片.jpg', JPG)).toBe('光明社区公示照片.jpg');
    // U+202E would show `photo\u202Egpj.exe` as `photoexe.jpg`.
    expect(cleanFileName('photo\u202egpj.exe', JPG)).toBe('photogpj.jpg');
    expect(cleanFileName('\u200b\ufeff名单.xlsx', ['xlsx'])).toBe('名单.xlsx');
  });

  it('never yields a hidden, empty or dot-only name', () => {
    expect(cleanFileName('.htaccess', ['pdf'])).toBe('htaccess.pdf');
    expect(cleanFileName('...', ['pdf'])).toBe('文件.pdf');
    expect(cleanFileName('', ['png'])).toBe('文件.png');
    expect(cleanFileName(undefined, ['png'])).toBe('文件.png');
    expect(cleanFileName('   ', ['png'], '照片')).toBe('照片.png');
  });

  it('makes the extension match the bytes', () => {
    expect(cleanFileName('IMG_0001.JPEG', JPG)).toBe('IMG_0001.jpeg');
    expect(cleanFileName('照片.jpg', ['png'])).toBe('照片.png');
    expect(cleanFileName('report.exe', ['xlsx'])).toBe('report.xlsx');
    expect(cleanFileName('scan', ['pdf'])).toBe('scan.pdf');
    expect(cleanFileName('2026.11.26 会议纪要', ['pdf'])).toBe('2026.11.26 会议纪要.pdf');
  });

  it('replaces reserved characters and limits the length', () => {
    expect(cleanFileName('a<b>:c"d|e?f*.pdf', ['pdf'])).toBe('a_b__c_d_e_f_.pdf');
    const long = cleanFileName(`${'很'.repeat(300)}.pdf`, ['pdf']);
    expect([...long].length).toBe(MAX_NAME_CHARS);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('attachment', '低保名单(2026).xlsx')).toBe(
      `attachment; filename="____(2026).xlsx"; filename*=UTF-8''%E4%BD%8E%E4%BF%9D%E5%90%8D%E5%8D%95%282026%29.xlsx`,
    );
    expect(contentDisposition('inline', 'a"b\\c.jpg')).toBe(`inline; filename="a_b_c.jpg"; filename*=UTF-8''a%22b%5Cc.jpg`);
  });
});
