export default definePageConfig({
  navigationBarTitleText: '公开详情',
});
