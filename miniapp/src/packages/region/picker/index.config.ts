export default definePageConfig({
  navigationBarTitleText: '选择居住社区',
});
