import { contentDigest } from '../audit/audit-digest';
import { applyInput, columnsOf, emptyContent, publicityEnded } from './notice-content';

describe('notice content', () => {
  const base = { ...emptyContent(), title: '通知', body: '<p>正文</p>', basis: '依据', timeLimit: '20个工作日', publisher: '居委会', regionId: 3, channels: ['mini_program' as const] };

  it('applies only the fields given; null clears an optional one; the body is sanitised', () => {
    const withDoc = applyInput(base, { docNo: '光社〔2026〕1号', body: '<p onclick="x()">新正文<script>alert(1)</script></p>' });
    expect(withDoc).toMatchObject({ title: '通知', docNo: '光社〔2026〕1号', body: '<p>新正文</p>', regionId: 3 });
    expect(applyInput(withDoc, { docNo: null }).docNo).toBeNull();
    expect(() => applyInput(base, { body: '<script>alert(1)</script>' })).toThrow(expect.objectContaining({ details: [expect.objectContaining({ path: 'body' })] }));
    // Times are normalised to UTC ISO strings, and back to Dates for the columns.
    const timed = applyInput(base, { publicityEndsAt: '2026-11-29T23:59:59+08:00' });
    expect(timed.publicityEndsAt).toBe('2026-11-29T15:59:59.000Z');
    expect(columnsOf(timed).publicityEndsAt).toEqual(new Date('2026-11-29T15:59:59Z'));
  });

  it('drops the guide when a 办事指南 becomes another kind', () => {
    const guide = { conditions: '条件', materials: ['身份证'], steps: ['申请'], placeAndTime: '社区', consultPhone: '0375-1', complaintPhone: '0375-2' };
    const g = applyInput(base, { kind: 'service_guide', guide });
    expect(g.guide).toEqual(guide);
    expect(applyInput(g, { kind: 'notice' }).guide).toBeNull();
    expect(columnsOf({ ...g, kind: 'notice' }).guide).toBeNull();
  });

  it('digests the same attachments the same, whatever order they were given in', () => {
    const a = applyInput(base, { attachmentIds: [9, 3, 5, 3] });
    expect(a.attachmentIds).toEqual([3, 5, 9]);
    expect(contentDigest(a)).toBe(contentDigest(applyInput(base, { attachmentIds: [3, 5, 9] })));
  });

  it('knows when a 公示 period has ended (only for 公示)', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(publicityEnded({ kind: 'publicity', publicityEndsAt: new Date('2026-11-26T12:00:00Z') }, now)).toBe(true);
    expect(publicityEnded({ kind: 'publicity', publicityEndsAt: new Date('2026-11-26T12:00:01Z') }, now)).toBe(false);
    expect(publicityEnded({ kind: 'publicity', publicityEndsAt: null }, now)).toBe(false);
    expect(publicityEnded({ kind: 'notice', publicityEndsAt: new Date('2020-01-01') }, now)).toBe(false);
  });
});
