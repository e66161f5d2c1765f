import ExcelJS from 'exceljs';
import { type DashboardDto, RATING_LEVEL_LABELS } from '@sunboard/shared';
import { addKeyValueSheet, addTableSheet, rateCell } from './xlsx-table';

const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The sheet names, in order (one per figure group, the satisfaction group split by dimension). */
export const DASHBOARD_SHEETS = ['说明', '满意度', '满意度按月', '满意度按区域', '满意度按领域', '差评办理', '知晓率', '消息推送', '征求意见'] as const;

/** The dashboard as an xlsx workbook: the same figures as the JSON, Chinese headers. */
export async function dashboardWorkbook(d: DashboardDto): Promise<{ bytes: Buffer; fileName: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sunboard';
  const s = d.satisfaction;
  addTableSheet(
    wb,
    '说明',
    [{ header: '项目' }, { header: '内容', width: 70 }],
    [
      ['区域', d.regionName],
      ['统计期间', `${d.from} 至 ${d.to}（北京时间，含首尾月份）`],
      ['生成时间', beijing(d.generatedAt)],
      ['统计范围', '本区域及其下辖全部区域'],
      ['满意率', '非常满意、满意、基本满意的评价数 ÷ 评价总数；申诉成立的评价不计入'],
      ['比率', '“—”表示没有可计算的数据'],
    ],
  );
  addKeyValueSheet(wb, '满意度', [
    ['评价总数', s.total],
    ['满意数（非常满意＋满意＋基本满意）', s.satisfied],
    ['满意率', s.rate, 'rate'],
    ...([5, 4, 3, 2, 1] as const).map((l): [string, number] => [RATING_LEVEL_LABELS[l], s.byLevel[String(l) as '5']]),
  ]);
  const figureColumns = [{ header: '评价数' }, { header: '满意数' }, { header: '满意率' }];
  addTableSheet(wb, '满意度按月', [{ header: '月份' }, ...figureColumns], s.byMonth.map((m) => [m.month, m.total, m.satisfied, rateCell(m.rate)]), [3]);
  addTableSheet(
    wb,
    '满意度按区域',
    [{ header: '区域', width: 24 }, ...figureColumns],
    s.byRegion.map((r) => [r.regionName, r.total, r.satisfied, rateCell(r.rate)]),
    [3],
  );
  addTableSheet(
    wb,
    '满意度按领域',
    [{ header: '领域', width: 24 }, ...figureColumns],
    s.byDomain.map((x) => [x.domainLabel, x.total, x.satisfied, rateCell(x.rate)]),
    [3],
  );
  const f = d.followups;
  addKeyValueSheet(wb, '差评办理', [
    ['差评回访件数', f.total],
    ['已办结', f.closed],
    ['办结率', f.closedRate, 'rate'],
    ['按期答复', f.onTime],
    ['按期答复率', f.onTimeRate, 'rate'],
    ['待核实答复', f.open],
    ['其中已逾期', f.overdue],
    ['回访满意', f.satisfiedAfterReply],
  ]);
  const a = d.awareness;
  addKeyValueSheet(wb, '知晓率', [
    ['发布公告数', a.notices],
    ['应知晓人次', a.audience],
    ['已阅读人次', a.readers],
    ['知晓率', a.rate, 'rate'],
  ]);
  const p = d.push;
  addKeyValueSheet(wb, '消息推送', [
    ['推送消息数', p.targeted],
    ['已送达', p.sent],
    ['订阅额度不足未送达', p.refused],
    ['发送失败', p.failed],
    ['排队中', p.queued],
    ['送达率', p.deliveryRate, 'rate'],
  ]);
  const c = d.consultations;
  addKeyValueSheet(wb, '征求意见', [
    ['截止的征求意见', c.count],
    ['收到意见（不含已隐藏）', c.comments],
    ['参与人数', c.commenters],
    ['已答复采纳情况的意见', c.answered],
    ['答复率', c.answeredRate, 'rate'],
  ]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, fileName: `${d.regionName}数据看板（${d.from}至${d.to}）.xlsx` };
}
