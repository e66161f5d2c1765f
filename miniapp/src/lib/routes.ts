/** Page paths (app.config.ts) and builders for their URLs. */
export const ROUTES = {
  home: '/pages/home/index',
  inbox: '/pages/inbox/index',
  me: '/pages/me/index',
  regionPicker: '/packages/region/picker/index',
  noticeDetail: (id: number) => `/packages/notice/detail/index?id=${id}`,
  noticeSearch: '/packages/notice/search/index',
  noticeVersions: (id: number, version?: number) => `/packages/notice/versions/index?id=${id}${version ? `&v=${version}` : ''}`,
  staffClaim: '/packages/staff/claim/index',
  staffWorkbench: '/packages/staff/workbench/index',
  staffCompose: (id?: number) => `/packages/staff/compose/index${id ? `?id=${id}` : ''}`,
  staffDrafts: '/packages/staff/drafts/index',
  staffReview: '/packages/staff/review/index',
  staffPublished: '/packages/staff/review/index?status=published',
  staffNotice: (id: number) => `/packages/staff/notice/index?id=${id}`,
  staffReach: (id: number) => `/packages/staff/reach/index?id=${id}`,
  subscriptionSettings: '/packages/subscriptions/settings/index',
} as const;
