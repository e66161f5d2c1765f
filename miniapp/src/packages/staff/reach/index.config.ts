export default definePageConfig({
  navigationBarTitleText: '知晓率',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
