export default definePageConfig({
  navigationBarTitleText: '公开详情',
  enableShareAppMessage: true,
});
