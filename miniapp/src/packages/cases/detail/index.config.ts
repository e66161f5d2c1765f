export default definePageConfig({
  navigationBarTitleText: '办件进度',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
