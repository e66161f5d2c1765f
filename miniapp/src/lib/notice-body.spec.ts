import { escapeHtml, htmlToParagraphs, paragraphsToHtml } from './notice-body';

describe('notice body', () => {
  it('makes one paragraph per non-empty line, escaping markup', () => {
    expect(paragraphsToHtml('第一段\r\n\n  第二段 <script>alert(1)</script>  \n')).toBe(
      '<p>第一段</p><p>第二段 &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(paragraphsToHtml('   \n ')).toBe('');
  });
  it('reads HTML back as lines', () => {
    expect(htmlToParagraphs('<p>第一段</p><p>A &amp; B &lt;b&gt;</p><ul><li>一</li><li>二</li></ul>第三<br>行')).toBe(
      '第一段\nA & B <b>\n· 一\n· 二\n第三\n行',
    );
  });
  it('round-trips what the textarea holds', () => {
    const text = '关于2026年低保对象的公示\n名单如下，如有异议请在公示期内反映 & 联系 <居委会>';
    expect(htmlToParagraphs(paragraphsToHtml(text))).toBe(text);
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });
});
