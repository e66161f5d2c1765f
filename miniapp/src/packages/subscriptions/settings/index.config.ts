export default definePageConfig({
  navigationBarTitleText: '订阅设置',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
