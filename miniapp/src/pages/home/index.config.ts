export default definePageConfig({
  navigationBarTitleText: '阳光公开栏',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
});
