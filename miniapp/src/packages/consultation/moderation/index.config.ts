export default definePageConfig({
  navigationBarTitleText: '意见审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
