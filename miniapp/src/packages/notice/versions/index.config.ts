export default definePageConfig({
  navigationBarTitleText: '更正记录',
});
