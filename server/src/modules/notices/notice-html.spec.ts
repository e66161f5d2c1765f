import { escapeHtml, plainText, sanitizeNoticeHtml, summarize } from './notice-html';
import { decodeFeedCursor, encodeFeedCursor } from './notice-cursor';

describe('notice bodies', () => {
  it('keeps only the allowed tags, without attributes, and drops scripts with their content', () => {
    const out = sanitizeNoticeHtml(
      '<p style="color:red" onclick="x()">一、<strong>时间</strong></p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">点此</a><table><tr><td>合计</td></tr></table>',
    );
    expect(out).toBe('<p>一、<strong>时间</strong></p>点此<table><tr><td>合计</td></tr></table>');
    expect(sanitizeNoticeHtml('a < b & c')).toBe('a &lt; b &amp; c');
  });

  it('turns a body into one line of plain text for the card summary', () => {
    expect(plainText('<p>第一段&amp;说明</p><p>第二段</p><style>p{}</style><br>末尾 &#20013;')).toBe('第一段&说明 第二段 末尾 中');
    expect(summarize('<p>' + '字'.repeat(100) + '</p>', 80)).toBe('字'.repeat(80) + '…');
    expect(summarize('<p>短</p>')).toBe('短');
    expect(summarize('<p>各位居民朋友：</p><p>11月27日计划停水。</p>')).toBe('11月27日计划停水。');
    expect(summarize('<p>公示如下：</p>')).toBe('公示如下：');
    expect(summarize('<p>现将有关事项通知如下：</p><p>一、时间</p>')).toBe('现将有关事项通知如下： 一、时间');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('feed cursor', () => {
  it('round-trips and rejects anything else with a 400 naming cursor', () => {
    const c = { urgent: true, pinned: false, publishedAt: new Date('2026-11-20T01:02:03.456Z'), id: 42, asOf: new Date('2026-11-26T00:00:00Z') };
    const encoded = encodeFeedCursor(c);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeFeedCursor(encoded)).toEqual(c);
    for (const bad of ['', '***', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[2,0,1,1,1]').toString('base64url'), Buffer.from('[1,0,1,0,1]').toString('base64url')]) {
      expect(() => decodeFeedCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'cursor' })] }));
    }
  });
});
