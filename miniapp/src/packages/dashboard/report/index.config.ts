export default definePageConfig({
  navigationBarTitleText: '年度报告草稿',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
