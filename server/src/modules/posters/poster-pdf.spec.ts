import { existsSync } from 'node:fs';
import { fakeWxaCodePng } from '../../fake-wechat/png';
import { CjkFontProvider, KNOWN_CJK_FONTS } from './cjk-font';
import type { PosterContent } from './poster-content';
import { renderPosterPdf } from './poster-pdf';
import { pdfMappedCharacters } from './pdf-unicode.testing';

const installed = KNOWN_CJK_FONTS.some((s) => existsSync(s.split('#')[0]));

(installed ? describe : describe.skip)('renderPosterPdf', () => {
  const font = installed ? new CjkFontProvider(null).get() : (null as never);
  const code = fakeWxaCodePng(560, 'n=1|packages/notice/detail/index');
  const base: PosterContent = {
    noticeId: 1,
    title: '关于停水的通知',
    tags: ['通知', '市政服务', '执行公开'],
    urgent: false,
    elements: [{ label: '发布主体', value: '光明社区居委会' }],
    excerpt: '11月27日8:00至18:00停水。',
    regionName: '光明社区',
    regionPath: '湛河区 马庄街道',
  };
  const pages = (pdf: Buffer) => Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);

  it('renders one A4 page', async () => {
    const pdf = await renderPosterPdf(base, code, font);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(1);
  });

  it('keeps everything on one page however long the text is', async () => {
    const long = '很长的内容'.repeat(200);
    const pdf = await renderPosterPdf(
      {
        ...base,
        urgent: true,
        title: long,
        tags: ['征求意见结果', '国有土地上房屋征收与补偿', '决策公开', '另一个很长很长的标签', '再一个很长很长的标签'],
        elements: ['发布主体', '依据', '时限', '公开对象', '文号', '索引号', '公示期', '发布日期'].map((label) => ({ label, value: long })),
        excerpt: long,
        regionName: long,
        regionPath: long,
      },
      code,
      font,
    );
    expect(pages(pdf)).toBe(1);
  });

  it('prints a character the font lacks as 〓 instead of an empty box', async () => {
    const pdf = await renderPosterPdf({ ...base, title: '通知\u{1F600}' }, code, font);
    expect(pages(pdf)).toBe(1);
    const chars = pdfMappedCharacters(pdf);
    expect(chars).toContain('通');
    expect(chars).toContain('〓');
    expect(chars).not.toContain('\u{1F600}');
  });
});
