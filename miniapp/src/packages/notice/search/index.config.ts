export default definePageConfig({
  navigationBarTitleText: '搜索公开信息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
});
