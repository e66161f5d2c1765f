/** 五公开: the five kinds of openness every item belongs to. */
export const DISCLOSURE_CATEGORIES = ['decision', 'execution', 'management', 'service', 'result'] as const;
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];
export const DISCLOSURE_CATEGORY_LABELS: Record<DisclosureCategory, string> = {
  decision: '决策公开',
  execution: '执行公开',
  management: '管理公开',
  service: '服务公开',
  result: '结果公开',
};

export const NOTICE_KINDS = [
  'publicity',
  'notice',
  'finance',
  'service_guide',
  'policy_interpretation',
  'consultation_result',
  'emergency',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  publicity: '公示',
  notice: '通知',
  finance: '财务公开',
  service_guide: '办事指南',
  policy_interpretation: '政策解读',
  consultation_result: '征求意见结果',
  emergency: '紧急通知',
};

export const NOTICE_STATUSES = ['draft', 'pending_review', 'published', 'withdrawn', 'expired'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
  expired: '已过期',
};

/** 方式: published actively, or on application. */
export const DISCLOSURE_METHODS = ['active', 'on_application'] as const;
export type DisclosureMethod = (typeof DISCLOSURE_METHODS)[number];
export const DISCLOSURE_METHOD_LABELS: Record<DisclosureMethod, string> = {
  active: '主动公开',
  on_application: '依申请公开',
};

/** 渠道 */
export const CHANNELS = ['mini_program', 'notice_board', 'wechat_group', 'official_account', 'government_website', 'broadcast'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  mini_program: '阳光公开栏小程序',
  notice_board: '公开栏',
  wechat_group: '微信群',
  official_account: '政务公众号',
  government_website: '政府网站',
  broadcast: '村村响广播',
};

/** 公开对象 */
export const AUDIENCES = ['public', 'specific_group'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = {
  public: '全社会',
  specific_group: '特定群体',
};
