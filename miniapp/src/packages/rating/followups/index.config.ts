export default definePageConfig({
  navigationBarTitleText: '差评跟进',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
});
