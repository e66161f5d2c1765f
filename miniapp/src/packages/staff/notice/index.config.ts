export default definePageConfig({
  navigationBarTitleText: '公开信息审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
