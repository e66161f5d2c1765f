export default definePageConfig({
  navigationBarTitleText: '答复意见',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
