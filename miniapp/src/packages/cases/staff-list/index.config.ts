export default definePageConfig({
  navigationBarTitleText: '办件管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
});
