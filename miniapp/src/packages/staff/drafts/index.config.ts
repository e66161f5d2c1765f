export default definePageConfig({
  navigationBarTitleText: '我的草稿',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
});
