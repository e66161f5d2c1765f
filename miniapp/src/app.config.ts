export default defineAppConfig({
  // Tab pages live in the main package; everything else in sub-packages (main package ≤ 2 MB).
  pages: ['pages/home/index', 'pages/inbox/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/region', pages: ['picker/index'] },
    { root: 'packages/notice', pages: ['detail/index', 'search/index', 'versions/index'] },
    { root: 'packages/staff', pages: ['claim/index', 'workbench/index', 'compose/index', 'drafts/index', 'review/index', 'notice/index', 'reach/index'] },
    { root: 'packages/subscriptions', pages: ['settings/index'] },
    { root: 'packages/cases', pages: ['mine/index', 'detail/index', 'staff-list/index', 'staff-open/index'] },
    { root: 'packages/consultation', pages: ['list/index', 'detail/index', 'mine/index', 'moderation/index', 'answer/index'] },
    { root: 'packages/rating', pages: ['mine/index', 'followups/index', 'followup/index'] },
    { root: 'packages/dashboard', pages: ['index/index', 'report/index'] },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/notice', 'packages/region'] },
  },
  window: {
    navigationBarTitleText: '阳光公开栏',
    navigationBarBackgroundColor: '#0b57a4',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
    // h5: show Taro's navigation bar (title + back), as the mini program does.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#4d4d4d',
    selectedColor: '#0b57a4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/inbox/index', text: '消息', iconPath: 'assets/tabbar/inbox.png', selectedIconPath: 'assets/tabbar/inbox-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
});
