export default definePageConfig({
  navigationBarTitleText: '征求意见',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
});
