/** Page paths (app.config.ts) and builders for their URLs. */
export const ROUTES = {
  home: '/pages/home/index',
  inbox: '/pages/inbox/index',
  me: '/pages/me/index',
  regionPicker: '/packages/region/picker/index',
  noticeDetail: (id: number) => `/packages/notice/detail/index?id=${id}`,
  staffClaim: '/packages/staff/claim/index',
} as const;
