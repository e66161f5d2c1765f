import type { YearlyReportSection } from '@sunboard/shared';

/**
 * The fixed parts of the 国办公开办函〔2021〕30号 yearly report format (《中华人民共和国政府信息
 * 公开工作年度报告格式》): section headings, the statutory tables with their row and column names,
 * and what the office writes itself. Sunboard keeps none of these statutory counts (it publishes
 * notices; it does not register 规章 or 规范性文件, take 依申请公开 requests, or see reviews and
 * lawsuits), so their cells stay null and every such row is labelled NOT_TRACKED.
 */

export type ReportTable = YearlyReportSection['tables'][number];

/** The label of a row Sunboard cannot fill. */
export const NOT_TRACKED = '未记录';
export const NOT_TRACKED_NOTE = '阳光公开栏不记录此项，请按本机关台账填写';

/** A table whose cells are all blank and every row labelled 未记录. */
function untracked(title: string, columns: string[], labels: string[], note?: string): ReportTable {
  return {
    title,
    columns,
    rows: labels.map((label) => ({ label, cells: columns.slice(1).map(() => null), note: NOT_TRACKED })),
    note: note ? `${note}。${NOT_TRACKED_NOTE}` : NOT_TRACKED_NOTE,
  };
}

/** 二、主动公开政府信息情况: the four statutory tables (第二十条第（一）（五）（六）（八）项). */
export const ACTIVE_DISCLOSURE_TABLES: ReportTable[] = [
  untracked('第二十条第（一）项', ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], ['规章', '行政规范性文件']),
  untracked('第二十条第（五）项', ['信息内容', '本年处理决定数量'], ['行政许可']),
  untracked('第二十条第（六）项', ['信息内容', '本年处理决定数量'], ['行政处罚', '行政强制']),
  untracked('第二十条第（八）项', ['信息内容', '本年收费金额（单位：万元）'], ['行政事业性收费']),
];

const APPLICANTS = [
  '申请人情况',
  '自然人',
  '法人或其他组织：商业企业',
  '法人或其他组织：科研机构',
  '法人或其他组织：社会公益组织',
  '法人或其他组织：法律服务机构',
  '法人或其他组织：其他',
  '总计',
];

/** 三、收到和处理政府信息公开申请情况 (依申请公开). */
export const APPLICATION_TABLE: ReportTable = untracked(
  '收到和处理政府信息公开申请情况',
  APPLICANTS,
  [
    '一、本年新收政府信息公开申请数量',
    '二、上年结转政府信息公开申请数量',
    '三、本年度办理结果：（一）予以公开',
    '三、本年度办理结果：（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    '（三）不予公开：1.属于国家秘密',
    '（三）不予公开：2.其他法律行政法规禁止公开',
    '（三）不予公开：3.危及“三安全一稳定”',
    '（三）不予公开：4.保护第三方合法权益',
    '（三）不予公开：5.属于三类内部事务信息',
    '（三）不予公开：6.属于四类过程性信息',
    '（三）不予公开：7.属于行政执法案卷',
    '（三）不予公开：8.属于行政查询事项',
    '（四）无法提供：1.本机关不掌握相关政府信息',
    '（四）无法提供：2.没有现成信息需要另行制作',
    '（四）无法提供：3.补正后申请内容仍不明确',
    '（五）不予处理：1.信访举报投诉类申请',
    '（五）不予处理：2.重复申请',
    '（五）不予处理：3.要求提供公开出版物',
    '（五）不予处理：4.无正当理由大量反复申请',
    '（五）不予处理：5.要求行政机关确认或重新出具已获取信息',
    '（六）其他处理：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '（六）其他处理：2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '（六）其他处理：3.其他',
    '（七）总计',
    '四、结转下年度继续办理',
  ],
  '本表数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和',
);

const OUTCOMES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

/** 四、政府信息公开行政复议、行政诉讼情况. */
export const REVIEW_TABLE: ReportTable = untracked(
  '政府信息公开行政复议、行政诉讼情况',
  ['类别', ...OUTCOMES],
  ['行政复议', '行政诉讼：未经复议直接起诉', '行政诉讼：复议后起诉'],
);

export const HEADINGS = {
  overview: '一、总体情况',
  active: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviews: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

export const HINTS = {
  overview:
    '由本机关填写：综述贯彻落实《中华人民共和国政府信息公开条例》情况，包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面。',
  problems: '由本机关填写：上一年度年报所列问题的整改情况，本年度政府信息公开工作存在的主要问题和改进措施。',
  other:
    '由本机关填写：依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，落实上级年度政务公开工作要点情况，人大代表建议和政协提案办理结果公开情况，年度工作创新情况等。下表是阳光公开栏记录的数据，可供参考。',
} as const;
